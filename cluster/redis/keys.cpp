#include "redis/keys.h"

#include <algorithm>
#include <string>
#include <utility>

#include "redis/typed.h"

namespace presence::cluster {

RedisCommand set_px_command(std::string_view key, std::string_view value, std::int64_t ttl_ms) {
  return {"SET", std::string(key), std::string(value), "PX", std::to_string(ttl_ms)};
}

RedisStatus parse_set(const RedisReply& reply) {
  return parse_ok("SET", reply);
}

RedisStatus set_px(RedisConnection& connection, std::string_view key, std::string_view value,
                   std::int64_t ttl_ms) {
  RedisReply reply;
  RedisStatus status = connection.execute(set_px_command(key, value, ttl_ms), &reply);
  if (!status.is_ok() && status.code() != RedisCode::kServerError) return status;
  return parse_set(reply);
}

RedisCommand get_command(std::string_view key) {
  return {"GET", std::string(key)};
}

RedisStatus parse_get(const RedisReply& reply, std::optional<std::string>* out) {
  if (reply.is_error()) return detail::server_error("GET", reply);
  if (reply.is_nil()) {
    out->reset();
  } else if (reply.is_string()) {
    *out = reply.text();
  } else {
    return detail::unexpected("GET", reply);
  }
  return RedisStatus::ok();
}

RedisStatus get(RedisConnection& connection, std::string_view key,
                std::optional<std::string>* out) {
  return detail::run(connection, get_command(key), parse_get, out);
}

RedisCommand mget_command(const std::vector<std::string>& keys) {
  RedisCommand command{"MGET"};
  command.insert(command.end(), keys.begin(), keys.end());
  return command;
}

RedisStatus parse_mget(const RedisReply& reply, std::vector<std::optional<std::string>>* out) {
  if (reply.is_error()) return detail::server_error("MGET", reply);
  if (!reply.is_array()) return detail::unexpected("MGET", reply);
  std::vector<std::optional<std::string>> values(reply.elements().size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const RedisReply& value = reply.elements()[i];
    if (value.is_string()) {
      values[i] = value.text();
    } else if (!value.is_nil()) {
      return detail::unexpected("MGET", reply);
    }
  }
  *out = std::move(values);
  return RedisStatus::ok();
}

RedisStatus mget(RedisConnection& connection, const std::vector<std::string>& keys,
                 std::vector<std::optional<std::string>>* out) {
  return detail::run(connection, mget_command(keys), parse_mget, out);
}

RedisCommand del_command(const std::vector<std::string>& keys) {
  RedisCommand command{"DEL"};
  command.insert(command.end(), keys.begin(), keys.end());
  return command;
}

RedisStatus parse_del(const RedisReply& reply, std::int64_t* out) {
  return parse_integer("DEL", reply, out);
}

RedisStatus del(RedisConnection& connection, const std::vector<std::string>& keys,
                std::int64_t* out) {
  return detail::run(connection, del_command(keys), parse_del, out);
}

RedisCommand scan_command(std::string_view cursor, std::string_view pattern, std::size_t count) {
  return {"SCAN",  std::string(cursor),  "MATCH", std::string(pattern),
          "COUNT", std::to_string(count)};
}

RedisStatus parse_scan(const RedisReply& reply, KeyScanPage* out) {
  std::string cursor;
  const RedisReply* items = nullptr;
  PE_REDIS_TRY(detail::parse_scan_reply("SCAN", reply, &cursor, &items));
  KeyScanPage page;
  page.keys.reserve(items->elements().size());
  for (const RedisReply& key : items->elements()) {
    if (!key.is_string()) return detail::unexpected("SCAN", reply);
    page.keys.push_back(key.text());
  }
  page.cursor = std::move(cursor);
  *out = std::move(page);
  return RedisStatus::ok();
}

RedisStatus scan(RedisConnection& connection, std::string_view cursor, std::string_view pattern,
                 std::size_t count, KeyScanPage* out) {
  return detail::run(connection, scan_command(cursor, pattern, count), parse_scan, out);
}

RedisStatus scan_all(RedisConnection& connection, std::string_view pattern, std::size_t count,
                     std::vector<std::string>* out) {
  std::vector<std::string> keys;
  std::string cursor = "0";
  do {
    KeyScanPage page;
    PE_REDIS_TRY(scan(connection, cursor, pattern, count, &page));
    keys.insert(keys.end(), page.keys.begin(), page.keys.end());
    cursor = std::move(page.cursor);
  } while (cursor != "0");
  // SCAN may return a key more than once (when the table is resized).
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  *out = std::move(keys);
  return RedisStatus::ok();
}

}  // namespace presence::cluster
