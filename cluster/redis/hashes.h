// Hashes: each node's mirror of its live session table (field = session id,
// value = the session's record). HSCAN reads a large hash in batches, so a
// million-field mirror never arrives as one reply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redis/command.h"
#include "redis/connection.h"
#include "redis/reply.h"
#include "redis/status.h"
#include "redis/typed.h"

namespace presence::cluster {

// HSET key field value ...: *out = the number of fields that were new.
RedisCommand hset_command(std::string_view key, const FieldValues& fields);
RedisStatus parse_hset(const RedisReply& reply, std::int64_t* out);
RedisStatus hset(RedisConnection& connection, std::string_view key, const FieldValues& fields,
                 std::int64_t* out);

// HDEL key field ...: *out = the number of fields removed.
RedisCommand hdel_command(std::string_view key, const std::vector<std::string>& fields);
RedisStatus parse_hdel(const RedisReply& reply, std::int64_t* out);
RedisStatus hdel(RedisConnection& connection, std::string_view key,
                 const std::vector<std::string>& fields, std::int64_t* out);

// HGETALL key: every field at once; for small hashes only (a large one may
// exceed max_reply_bytes: use hscan).
RedisCommand hgetall_command(std::string_view key);
RedisStatus parse_hgetall(const RedisReply& reply, FieldValues* out);
RedisStatus hgetall(RedisConnection& connection, std::string_view key, FieldValues* out);

// One batch of an HSCAN or SCAN iteration. Start with cursor "0" and pass
// each page's cursor to the next call until done(). The guarantees are
// Redis's: every field present for the whole iteration is returned at least
// once; a field may come twice, and fields added or removed meanwhile may
// or may not come.
struct HashScanPage {
  std::string cursor;
  FieldValues fields;
  bool done() const { return cursor == "0"; }
};

// HSCAN key cursor COUNT count: count is a hint of the batch size (Redis
// returns a small hash whole, whatever the hint).
RedisCommand hscan_command(std::string_view key, std::string_view cursor, std::size_t count);
RedisStatus parse_hscan(const RedisReply& reply, HashScanPage* out);
RedisStatus hscan(RedisConnection& connection, std::string_view key, std::string_view cursor,
                  std::size_t count, HashScanPage* out);

}  // namespace presence::cluster
