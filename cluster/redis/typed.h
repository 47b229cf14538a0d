// What the typed command helpers (streams.h, hashes.h, keys.h) share.
//
// Each helper comes in three parts, so commands can be pipelined:
//   xadd_command(...)            builds the command
//   parse_xadd(reply, &out)      reads its reply (from execute or pipeline)
//   xadd(connection, ..., &out)  both, in one round trip
// Parsers return kServerError for an error reply (with the server's text)
// and kProtocol for a reply of a shape the command never gives. Arguments
// are checked by the server: an empty field list, say, comes back as
// kServerError ("wrong number of arguments").
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "redis/connection.h"
#include "redis/reply.h"
#include "redis/status.h"

namespace presence::cluster {

// Field/value pairs of a hash or of a stream entry, in the server's order.
using FieldValues = std::vector<std::pair<std::string, std::string>>;

// The reply of a command that answers a count (HSET, HDEL, DEL).
RedisStatus parse_integer(const char* command, const RedisReply& reply, std::int64_t* out);
// The reply of a command that answers +OK (SET).
RedisStatus parse_ok(const char* command, const RedisReply& reply);

namespace detail {

// Executes `command` and parses its reply; an error reply reaches the
// parser, which names it (and may map it, as XINFO's "no such key").
template <typename Parse, typename Out>
RedisStatus run(RedisConnection& connection, const RedisCommand& command, Parse parse, Out* out,
                std::int64_t extra_wait_ms = 0) {
  RedisReply reply;
  RedisStatus status = connection.execute(command, &reply, extra_wait_ms);
  if (!status.is_ok() && status.code() != RedisCode::kServerError) return status;
  return parse(reply, out);
}

RedisStatus server_error(const char* command, const RedisReply& reply);
RedisStatus unexpected(const char* command, const RedisReply& reply);
// A flat array [field, value, field, value, ...] of strings.
RedisStatus parse_pairs(const char* command, const RedisReply& reply, FieldValues* out);
// The [cursor, items] reply of SCAN and HSCAN; *out_items points into `reply`.
RedisStatus parse_scan_reply(const char* command, const RedisReply& reply, std::string* out_cursor,
                             const RedisReply** out_items);

}  // namespace detail

}  // namespace presence::cluster
