#include "redis/hashes.h"

#include <string>
#include <utility>

namespace presence::cluster {

RedisCommand hset_command(std::string_view key, const FieldValues& fields) {
  RedisCommand command{"HSET", std::string(key)};
  command.reserve(2 + 2 * fields.size());
  for (const auto& [field, value] : fields) {
    command.push_back(field);
    command.push_back(value);
  }
  return command;
}

RedisStatus parse_hset(const RedisReply& reply, std::int64_t* out) {
  return parse_integer("HSET", reply, out);
}

RedisStatus hset(RedisConnection& connection, std::string_view key, const FieldValues& fields,
                 std::int64_t* out) {
  return detail::run(connection, hset_command(key, fields), parse_hset, out);
}

RedisCommand hdel_command(std::string_view key, const std::vector<std::string>& fields) {
  RedisCommand command{"HDEL", std::string(key)};
  command.insert(command.end(), fields.begin(), fields.end());
  return command;
}

RedisStatus parse_hdel(const RedisReply& reply, std::int64_t* out) {
  return parse_integer("HDEL", reply, out);
}

RedisStatus hdel(RedisConnection& connection, std::string_view key,
                 const std::vector<std::string>& fields, std::int64_t* out) {
  return detail::run(connection, hdel_command(key, fields), parse_hdel, out);
}

RedisCommand hgetall_command(std::string_view key) {
  return {"HGETALL", std::string(key)};
}

RedisStatus parse_hgetall(const RedisReply& reply, FieldValues* out) {
  return detail::parse_pairs("HGETALL", reply, out);
}

RedisStatus hgetall(RedisConnection& connection, std::string_view key, FieldValues* out) {
  return detail::run(connection, hgetall_command(key), parse_hgetall, out);
}

RedisCommand hscan_command(std::string_view key, std::string_view cursor, std::size_t count) {
  return {"HSCAN", std::string(key), std::string(cursor), "COUNT", std::to_string(count)};
}

RedisStatus parse_hscan(const RedisReply& reply, HashScanPage* out) {
  std::string cursor;
  const RedisReply* items = nullptr;
  PE_REDIS_TRY(detail::parse_scan_reply("HSCAN", reply, &cursor, &items));
  HashScanPage page;
  PE_REDIS_TRY(detail::parse_pairs("HSCAN", *items, &page.fields));
  page.cursor = std::move(cursor);
  *out = std::move(page);
  return RedisStatus::ok();
}

RedisStatus hscan(RedisConnection& connection, std::string_view key, std::string_view cursor,
                  std::size_t count, HashScanPage* out) {
  return detail::run(connection, hscan_command(key, cursor, count), parse_hscan, out);
}

}  // namespace presence::cluster
