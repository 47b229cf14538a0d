#include "redis/streams.h"

#include <algorithm>
#include <string>
#include <utility>

#include "redis/decimal.h"

namespace presence::cluster {

namespace {

RedisStatus parse_id(const char* command, const RedisReply& reply, StreamId* out) {
  if (!reply.is_string() || !StreamId::parse(reply.text(), out)) {
    return detail::unexpected(command, reply);
  }
  return RedisStatus::ok();
}

// One entry: [id, [field, value, ...]].
RedisStatus parse_entry(const char* command, const RedisReply& reply, StreamEntry* out) {
  if (!reply.is_array() || reply.elements().size() != 2) {
    return detail::unexpected(command, reply);
  }
  PE_REDIS_TRY(parse_id(command, reply.elements()[0], &out->id));
  return detail::parse_pairs(command, reply.elements()[1], &out->fields);
}

void add_count(std::size_t count, RedisCommand* command) {
  if (count == 0) return;
  command->push_back("COUNT");
  command->push_back(std::to_string(count));
}

}  // namespace

bool StreamId::parse(std::string_view text, StreamId* out) {
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return false;
  StreamId id;
  if (!parse_decimal(text.substr(0, dash), UINT64_MAX, &id.ms) ||
      !parse_decimal(text.substr(dash + 1), UINT64_MAX, &id.seq)) {
    return false;
  }
  *out = id;
  return true;
}

std::string StreamId::to_string() const {
  return std::to_string(ms) + "-" + std::to_string(seq);
}

StreamPosition StreamPosition::at_end(const StreamInfo& info) {
  return {info.last_generated_id, info.entries_added.value_or(-1)};
}

void StreamPosition::advance(StreamId id) {
  last_read = id;
  if (entries_read >= 0) ++entries_read;
}

bool missed_entries(const StreamInfo& info, const StreamPosition& position) {
  // Empty: if anything was added after last_read, it is gone.
  if (!info.first_entry_id) return info.last_generated_id > position.last_read;
  if (*info.first_entry_id <= position.last_read) return false;
  if (!info.entries_added || position.entries_read < 0) return true;
  return *info.entries_added - position.entries_read > info.length;
}

RedisCommand xadd_command(std::string_view key, const FieldValues& fields,
                          std::size_t approx_max_len) {
  RedisCommand command{"XADD", std::string(key)};
  if (approx_max_len > 0) {
    command.insert(command.end(), {"MAXLEN", "~", std::to_string(approx_max_len)});
  }
  command.push_back("*");
  for (const auto& [field, value] : fields) {
    command.push_back(field);
    command.push_back(value);
  }
  return command;
}

RedisStatus parse_xadd(const RedisReply& reply, StreamId* out) {
  if (reply.is_error()) return detail::server_error("XADD", reply);
  return parse_id("XADD", reply, out);
}

RedisStatus xadd(RedisConnection& connection, std::string_view key, const FieldValues& fields,
                 std::size_t approx_max_len, StreamId* out) {
  return detail::run(connection, xadd_command(key, fields, approx_max_len), parse_xadd, out);
}

RedisCommand xread_command(std::string_view key, StreamId after, std::size_t count,
                           std::int64_t block_ms) {
  RedisCommand command{"XREAD"};
  add_count(count, &command);
  if (block_ms >= 0) {
    command.push_back("BLOCK");
    command.push_back(std::to_string(block_ms));
  }
  command.insert(command.end(), {"STREAMS", std::string(key), after.to_string()});
  return command;
}

RedisStatus parse_xread(const RedisReply& reply, std::vector<StreamEntry>* out) {
  if (reply.is_error()) return detail::server_error("XREAD", reply);
  out->clear();
  // Nil: the block time passed without a new entry.
  if (reply.is_nil()) return RedisStatus::ok();
  // [[key, entries]]: one stream was asked for, so one (or none) answers.
  if (!reply.is_array() || reply.elements().size() > 1) {
    return detail::unexpected("XREAD", reply);
  }
  if (reply.elements().empty()) return RedisStatus::ok();
  const RedisReply& stream = reply.elements()[0];
  if (!stream.is_array() || stream.elements().size() != 2) {
    return detail::unexpected("XREAD", reply);
  }
  return parse_entries("XREAD", stream.elements()[1], out);
}

RedisStatus xread(RedisConnection& connection, std::string_view key, StreamId after,
                  std::size_t count, std::int64_t block_ms, std::vector<StreamEntry>* out) {
  // Redis answers a timed-out BLOCK from its periodic timer (10 times a
  // second by default), so the empty reply comes up to ~100 ms after the
  // block time: that slack is allowed on top of the command timeout.
  constexpr std::int64_t kBlockSlackMs = 250;
  const std::int64_t extra_wait = block_ms == 0 ? kWaitForever
                                  : block_ms < 0
                                      ? 0
                                      : std::min(block_ms, kUnboundedWaitMs) + kBlockSlackMs;
  return detail::run(connection, xread_command(key, after, count, block_ms), parse_xread, out,
                     extra_wait);
}

RedisCommand xrange_command(std::string_view key, std::string_view start, std::string_view end,
                            std::size_t count) {
  RedisCommand command{"XRANGE", std::string(key), std::string(start), std::string(end)};
  add_count(count, &command);
  return command;
}

RedisCommand xrevrange_command(std::string_view key, std::string_view end, std::string_view start,
                               std::size_t count) {
  RedisCommand command{"XREVRANGE", std::string(key), std::string(end), std::string(start)};
  add_count(count, &command);
  return command;
}

RedisStatus parse_entries(const char* command, const RedisReply& reply,
                          std::vector<StreamEntry>* out) {
  if (reply.is_error()) return detail::server_error(command, reply);
  if (!reply.is_array()) return detail::unexpected(command, reply);
  std::vector<StreamEntry> entries(reply.elements().size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    PE_REDIS_TRY(parse_entry(command, reply.elements()[i], &entries[i]));
  }
  *out = std::move(entries);
  return RedisStatus::ok();
}

RedisStatus xrange(RedisConnection& connection, std::string_view key, std::string_view start,
                   std::string_view end, std::size_t count, std::vector<StreamEntry>* out) {
  auto parse = [](const RedisReply& reply, std::vector<StreamEntry>* entries) {
    return parse_entries("XRANGE", reply, entries);
  };
  return detail::run(connection, xrange_command(key, start, end, count), parse, out);
}

RedisStatus xrevrange(RedisConnection& connection, std::string_view key, std::string_view end,
                      std::string_view start, std::size_t count, std::vector<StreamEntry>* out) {
  auto parse = [](const RedisReply& reply, std::vector<StreamEntry>* entries) {
    return parse_entries("XREVRANGE", reply, entries);
  };
  return detail::run(connection, xrevrange_command(key, end, start, count), parse, out);
}

RedisCommand xinfo_stream_command(std::string_view key) {
  return {"XINFO", "STREAM", std::string(key)};
}

RedisStatus parse_xinfo_stream(const RedisReply& reply, StreamInfo* out) {
  constexpr const char* kCommand = "XINFO STREAM";
  if (reply.is_error()) {
    if (reply.text() == "ERR no such key") return {RedisCode::kNotFound, "no such stream"};
    return detail::server_error(kCommand, reply);
  }
  if (!reply.is_array() || reply.elements().size() % 2 != 0) {
    return detail::unexpected(kCommand, reply);
  }
  StreamInfo info;
  bool has_length = false;
  bool has_last_generated = false;
  const auto& items = reply.elements();
  for (std::size_t i = 0; i < items.size(); i += 2) {
    const std::string& name = items[i].text();
    const RedisReply& value = items[i + 1];
    if (name == "length" && value.is_integer()) {
      info.length = value.integer_value();
      has_length = true;
    } else if (name == "last-generated-id") {
      PE_REDIS_TRY(parse_id(kCommand, value, &info.last_generated_id));
      has_last_generated = true;
    } else if (name == "entries-added" && value.is_integer()) {
      info.entries_added = value.integer_value();
    } else if ((name == "first-entry" || name == "last-entry") && !value.is_nil()) {
      StreamEntry entry;
      PE_REDIS_TRY(parse_entry(kCommand, value, &entry));
      (name == "first-entry" ? info.first_entry_id : info.last_entry_id) = entry.id;
    }
  }
  if (!has_length || !has_last_generated) return detail::unexpected(kCommand, reply);
  *out = info;
  return RedisStatus::ok();
}

RedisStatus xinfo_stream(RedisConnection& connection, std::string_view key, StreamInfo* out) {
  return detail::run(connection, xinfo_stream_command(key), parse_xinfo_stream, out);
}

}  // namespace presence::cluster
