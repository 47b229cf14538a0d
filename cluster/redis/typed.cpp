#include "redis/typed.h"

#include <string>

namespace presence::cluster {

namespace detail {

RedisStatus server_error(const char* command, const RedisReply& reply) {
  return {RedisCode::kServerError, std::string(command) + ": " + reply.text()};
}

RedisStatus unexpected(const char* command, const RedisReply& reply) {
  return {RedisCode::kProtocol, std::string(command) + ": unexpected reply " + reply.summary()};
}

RedisStatus parse_pairs(const char* command, const RedisReply& reply, FieldValues* out) {
  if (reply.is_error()) return server_error(command, reply);
  // A stream entry whose fields were deleted under a consumer group reads
  // as nil: no fields.
  if (reply.is_nil()) {
    out->clear();
    return RedisStatus::ok();
  }
  if (!reply.is_array() || reply.elements().size() % 2 != 0) return unexpected(command, reply);
  FieldValues pairs;
  pairs.reserve(reply.elements().size() / 2);
  for (std::size_t i = 0; i < reply.elements().size(); i += 2) {
    const RedisReply& field = reply.elements()[i];
    const RedisReply& value = reply.elements()[i + 1];
    if (!field.is_string() || !value.is_string()) return unexpected(command, reply);
    pairs.emplace_back(field.text(), value.text());
  }
  *out = std::move(pairs);
  return RedisStatus::ok();
}

RedisStatus parse_scan_reply(const char* command, const RedisReply& reply, std::string* out_cursor,
                             const RedisReply** out_items) {
  if (reply.is_error()) return server_error(command, reply);
  if (!reply.is_array() || reply.elements().size() != 2 || !reply.elements()[0].is_string() ||
      !reply.elements()[1].is_array()) {
    return unexpected(command, reply);
  }
  *out_cursor = reply.elements()[0].text();
  *out_items = &reply.elements()[1];
  return RedisStatus::ok();
}

}  // namespace detail

RedisStatus parse_integer(const char* command, const RedisReply& reply, std::int64_t* out) {
  if (reply.is_error()) return detail::server_error(command, reply);
  if (!reply.is_integer()) return detail::unexpected(command, reply);
  *out = reply.integer_value();
  return RedisStatus::ok();
}

RedisStatus parse_ok(const char* command, const RedisReply& reply) {
  if (reply.is_error()) return detail::server_error(command, reply);
  if (!reply.is_status("OK")) return detail::unexpected(command, reply);
  return RedisStatus::ok();
}

}  // namespace presence::cluster
