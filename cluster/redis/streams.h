// Redis Streams: the replicated log of session transitions (XADD to append
// with approximate trimming, XREAD to follow, XRANGE / XREVRANGE to read a
// span, XINFO STREAM to notice that trimming overtook a follower).
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
#include "redis/typed.h"

namespace presence::cluster {

// An entry id, "<ms>-<seq>"; ids only grow within a stream.
struct StreamId {
  std::uint64_t ms = 0;
  std::uint64_t seq = 0;

  // Strict: two decimal numbers joined by '-'; false otherwise.
  static bool parse(std::string_view text, StreamId* out);
  std::string to_string() const;

  friend bool operator==(StreamId a, StreamId b) { return a.ms == b.ms && a.seq == b.seq; }
  friend bool operator!=(StreamId a, StreamId b) { return !(a == b); }
  friend bool operator<(StreamId a, StreamId b) {
    return a.ms < b.ms || (a.ms == b.ms && a.seq < b.seq);
  }
  friend bool operator>(StreamId a, StreamId b) { return b < a; }
  friend bool operator<=(StreamId a, StreamId b) { return !(b < a); }
  friend bool operator>=(StreamId a, StreamId b) { return !(a < b); }
};

struct StreamEntry {
  StreamId id;
  FieldValues fields;
};

struct StreamInfo {
  std::int64_t length = 0;
  StreamId last_generated_id;
  std::optional<StreamId> first_entry_id;  // none when the stream is empty
  std::optional<StreamId> last_entry_id;
  // How many entries were ever added (Redis 7.0 and later; none before).
  std::optional<std::int64_t> entries_added;
};

// Where a follower is in a stream: the last entry it read, and how many
// entries the stream had received up to and including that one (its count
// in XINFO's entries-added terms; -1 when unknown). The count is what makes
// gap detection exact: the id alone cannot tell "trimmed before I read it"
// from "there was nothing between".
struct StreamPosition {
  StreamId last_read;
  std::int64_t entries_read = -1;

  // The end of the stream as `info` saw it: where a node that bootstraps
  // starts following (read XINFO first, then the mirrors, then follow).
  static StreamPosition at_end(const StreamInfo& info);
  // After reading the entry `id` (the next one, in order).
  void advance(StreamId id);
};

// True when entries after `position` were removed (trimmed) before the
// follower read them: it must bootstrap again rather than resume. Trimming
// removes the oldest entries, so nothing is missed while the first entry is
// at or before last_read; past that, the entries added since last_read
// (entries-added minus entries_read) must all still be there. Without the
// counts (Redis < 7, or entries_read unknown) it answers true whenever the
// first entry is beyond last_read: sometimes a needless bootstrap, never a
// silent gap.
bool missed_entries(const StreamInfo& info, const StreamPosition& position);

// XADD key [MAXLEN ~ approx_max_len] * field value ...; approx_max_len 0
// means no trimming. "~" lets Redis trim whole internal nodes only, which is
// far cheaper than exact trimming: the stream keeps at least approx_max_len
// entries, and a little more.
RedisCommand xadd_command(std::string_view key, const FieldValues& fields,
                          std::size_t approx_max_len);
RedisStatus parse_xadd(const RedisReply& reply, StreamId* out);
RedisStatus xadd(RedisConnection& connection, std::string_view key, const FieldValues& fields,
                 std::size_t approx_max_len, StreamId* out);

// For xread(): do not block; return what is there.
inline constexpr std::int64_t kNoBlock = -1;

// XREAD [COUNT count] [BLOCK block_ms] STREAMS key after: entries with ids
// greater than `after`, at most `count` (0: no limit). block_ms kNoBlock
// returns at once; > 0 waits up to that long for a first entry; 0 waits
// until one comes (or cancel()). A wait that ends empty gives no entries.
RedisCommand xread_command(std::string_view key, StreamId after, std::size_t count,
                           std::int64_t block_ms);
RedisStatus parse_xread(const RedisReply& reply, std::vector<StreamEntry>* out);
RedisStatus xread(RedisConnection& connection, std::string_view key, StreamId after,
                  std::size_t count, std::int64_t block_ms, std::vector<StreamEntry>* out);

// XRANGE key start end [COUNT count] and XREVRANGE key end start [COUNT
// count]; bounds are ids or "-" / "+" (and "(id" for exclusive on Redis
// 6.2+). count 0: no limit.
RedisCommand xrange_command(std::string_view key, std::string_view start, std::string_view end,
                            std::size_t count);
RedisCommand xrevrange_command(std::string_view key, std::string_view end, std::string_view start,
                               std::size_t count);
RedisStatus parse_entries(const char* command, const RedisReply& reply,
                          std::vector<StreamEntry>* out);
RedisStatus xrange(RedisConnection& connection, std::string_view key, std::string_view start,
                   std::string_view end, std::size_t count, std::vector<StreamEntry>* out);
RedisStatus xrevrange(RedisConnection& connection, std::string_view key, std::string_view end,
                      std::string_view start, std::size_t count, std::vector<StreamEntry>* out);

// XINFO STREAM key. kNotFound when the key does not exist.
RedisCommand xinfo_stream_command(std::string_view key);
RedisStatus parse_xinfo_stream(const RedisReply& reply, StreamInfo* out);
RedisStatus xinfo_stream(RedisConnection& connection, std::string_view key, StreamInfo* out);

}  // namespace presence::cluster
