// Plain keys: node liveness (SET key value PX ttl, renewed before it
// expires), and finding every live node (SCAN MATCH, then MGET).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redis/command.h"
#include "redis/connection.h"
#include "redis/reply.h"
#include "redis/status.h"

namespace presence::cluster {

// SET key value PX ttl_ms: the key disappears ttl_ms after its last renewal.
RedisCommand set_px_command(std::string_view key, std::string_view value, std::int64_t ttl_ms);
RedisStatus parse_set(const RedisReply& reply);
RedisStatus set_px(RedisConnection& connection, std::string_view key, std::string_view value,
                   std::int64_t ttl_ms);

// GET key: *out is empty (nullopt) when the key does not exist.
RedisCommand get_command(std::string_view key);
RedisStatus parse_get(const RedisReply& reply, std::optional<std::string>* out);
RedisStatus get(RedisConnection& connection, std::string_view key, std::optional<std::string>* out);

// MGET key ...: one value (or nullopt) per key, in order.
RedisCommand mget_command(const std::vector<std::string>& keys);
RedisStatus parse_mget(const RedisReply& reply, std::vector<std::optional<std::string>>* out);
RedisStatus mget(RedisConnection& connection, const std::vector<std::string>& keys,
                 std::vector<std::optional<std::string>>* out);

// DEL key ...: *out = the number of keys removed.
RedisCommand del_command(const std::vector<std::string>& keys);
RedisStatus parse_del(const RedisReply& reply, std::int64_t* out);
RedisStatus del(RedisConnection& connection, const std::vector<std::string>& keys,
                std::int64_t* out);

// One batch of a SCAN iteration (same contract as HashScanPage).
struct KeyScanPage {
  std::string cursor;
  std::vector<std::string> keys;
  bool done() const { return cursor == "0"; }
};

// SCAN cursor MATCH pattern COUNT count (glob-style pattern: "pe:node:*").
RedisCommand scan_command(std::string_view cursor, std::string_view pattern, std::size_t count);
RedisStatus parse_scan(const RedisReply& reply, KeyScanPage* out);
RedisStatus scan(RedisConnection& connection, std::string_view cursor, std::string_view pattern,
                 std::size_t count, KeyScanPage* out);

// A whole SCAN iteration: every key matching `pattern`, each once, sorted.
// For key sets that fit in memory (one key per node, say).
RedisStatus scan_all(RedisConnection& connection, std::string_view pattern, std::size_t count,
                     std::vector<std::string>* out);

}  // namespace presence::cluster
