#include "runtime/follower.h"

#include <algorithm>
#include <future>
#include <utility>

#include "redis/hashes.h"
#include "redis/keys.h"

namespace presence::cluster {
namespace {

// A blocked read returns this often with nothing, so a lost connection is
// noticed even when the cluster is quiet.
constexpr std::int64_t kBlockMs = 1000;
// Fields per HSCAN page (a hint to Redis), and so records per engine call
// during a bootstrap: the engine's lock is held a few milliseconds at a time.
constexpr std::size_t kScanCount = 4000;

}  // namespace

Follower::Follower(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
                   std::unique_ptr<RedisConnection> connection)
    : RuntimeThread(options, engine, state, std::move(connection)),
      // At most half the trimming length, so that a gap shows as a full
      // read (see follow()).
      read_count_(std::min<std::size_t>(1000, options.stream_max_len / 2)) {}

void Follower::run() {
  wait_for_redis(state_, RuntimeState::kFollower, connection_.get());
  while (state_->running(RuntimeState::kFollower)) {
    RedisStatus status = need_bootstrap_ ? bootstrap() : follow();
    if (status.is_ok()) continue;
    if (!state_->running(RuntimeState::kFollower)) break;  // cancelled by stop
    state_->record_error(RuntimeState::kFollower, status);
    maybe_behind_ = true;
    wait_for_redis(state_, RuntimeState::kFollower, connection_.get());
    state_->sleep_for(RuntimeState::kFollower, kRetryPauseMs);
  }
}

RedisStatus Follower::bootstrap() {
  StreamInfo info;
  RedisStatus status = xinfo_stream(*connection_, keys_.log(), &info);
  if (status.code() == RedisCode::kNotFound) {
    position_ = StreamPosition{StreamId{}, 0};
  } else {
    PE_REDIS_TRY(std::move(status));
    position_ = StreamPosition::at_end(info);
  }
  std::vector<std::string> live;
  std::vector<std::string> mirrored;
  PE_REDIS_TRY(find_nodes(&live, &mirrored));
  // The engine may hold sessions that ended while nobody followed: after a
  // gap, or from an earlier runtime on this engine. Listed before the load,
  // so that a first bootstrap into a fresh engine lists nothing.
  const std::vector<HeldSession> held = held_sessions({mirrored.begin(), mirrored.end()});
  std::unordered_set<std::string> seen;
  for (const std::string& node : mirrored) PE_REDIS_TRY(load_mirror(node, &seen));
  end_unseen(held, seen);
  state_->bootstraps.fetch_add(1, std::memory_order_relaxed);
  need_bootstrap_ = false;
  maybe_behind_ = false;
  state_->set_connected(RuntimeState::kFollower, true);
  state_->mark_ready(RuntimeState::kFollower);
  return RedisStatus::ok();
}

RedisStatus Follower::load_mirror(const std::string& node, std::unordered_set<std::string>* seen) {
  const std::string key = keys_.sessions(node);
  // Each page is applied on a helper thread while the next one is read from
  // Redis and decoded: a large bootstrap costs about the longer of the two,
  // not their sum.
  std::future<void> applying;
  auto apply_async = [&](std::vector<OwnedReplica> records) {
    if (applying.valid()) applying.get();
    applying = std::async(std::launch::async,
                          [this, batch = std::move(records)]() mutable { flush(&batch); });
  };
  std::string cursor = "0";
  HashScanPage page;
  RedisStatus status;
  do {
    status = hscan(*connection_, key, cursor, kScanCount, &page);
    if (!status.is_ok()) break;
    std::vector<OwnedReplica> records;
    records.reserve(page.fields.size());
    for (const auto& [session, value] : page.fields) {
      if (session == kMirrorMarker) continue;
      OwnedReplica record;
      if (!decode_replica(value, &record)) {
        state_->record_error(
            RuntimeState::kFollower,
            {RedisCode::kProtocol, "a malformed record in " + key + " was skipped"});
        continue;
      }
      seen->insert(session);
      records.push_back(std::move(record));
    }
    apply_async(std::move(records));
    cursor = page.cursor;
  } while (!page.done());
  if (applying.valid()) applying.get();
  return status;
}

std::vector<Follower::HeldSession> Follower::held_sessions(
    const std::unordered_set<std::string>& nodes) {
  std::vector<HeldSession> held;
  engine_->remote_sessions(
      [&](std::string_view session, std::string_view node, std::uint64_t version) {
        if (nodes.count(std::string(node)) != 0) {
          held.push_back({std::string(session), std::string(node), version});
        }
      });
  return held;
}

void Follower::end_unseen(const std::vector<HeldSession>& held,
                          const std::unordered_set<std::string>& seen) {
  std::vector<OwnedReplica> ended;
  const std::int64_t now = wall_clock_ms();
  for (const HeldSession& h : held) {
    if (seen.count(h.session_id) != 0) continue;
    OwnedReplica& r = ended.emplace_back();
    r.session_id = h.session_id;
    r.node_id = h.node_id;
    // One past what we hold: the owner's own next record is at least that.
    r.version = h.version + 1;
    r.ended = true;
    r.since_ms = now;
  }
  if (!ended.empty()) engine_->apply(&ended);
}

RedisStatus Follower::check_position(bool* lost) {
  StreamInfo info;
  RedisStatus status = xinfo_stream(*connection_, keys_.log(), &info);
  if (status.code() == RedisCode::kNotFound) {
    *lost = position_.last_read != StreamId{};
    return RedisStatus::ok();
  }
  PE_REDIS_TRY(std::move(status));
  // A stream behind our position, or with fewer entries ever added than we
  // read, is a new stream: Redis lost the old one.
  const bool recreated = info.last_generated_id < position_.last_read ||
                         (info.entries_added && position_.entries_read >= 0 &&
                          *info.entries_added < position_.entries_read);
  *lost = recreated || missed_entries(info, position_);
  return RedisStatus::ok();
}

RedisStatus Follower::follow() {
  if (maybe_behind_) {
    bool lost = false;
    PE_REDIS_TRY(check_position(&lost));
    maybe_behind_ = false;
    if (lost) {
      need_bootstrap_ = true;
      return RedisStatus::ok();
    }
  }
  std::vector<StreamEntry> entries;
  PE_REDIS_TRY(
      xread(*connection_, keys_.log(), position_.last_read, read_count_, kBlockMs, &entries));
  state_->set_connected(RuntimeState::kFollower, true);
  // Trimming keeps at least stream_max_len entries, twice a read: a gap
  // after our position always shows as a full read. Check before applying,
  // while the position still points before the entries just read.
  if (entries.size() >= read_count_) {
    bool lost = false;
    PE_REDIS_TRY(check_position(&lost));
    if (lost) {
      need_bootstrap_ = true;
      return RedisStatus::ok();
    }
  }
  std::vector<std::string> resync;
  for (const StreamEntry& entry : entries) {
    apply_entry(entry, &resync);
    position_.advance(entry.id);
  }
  for (const std::string& node : resync) {
    const std::vector<HeldSession> held = held_sessions({node});
    std::unordered_set<std::string> seen;
    PE_REDIS_TRY(load_mirror(node, &seen));
    end_unseen(held, seen);
  }
  return RedisStatus::ok();
}

void Follower::apply_entry(const StreamEntry& entry, std::vector<std::string>* resync) {
  std::string_view node;
  std::string_view payload;
  bool is_resync = false;
  for (const auto& [field, value] : entry.fields) {
    if (field == kFieldNode) node = value;
    if (field == kFieldRecords) payload = value;
    if (field == kFieldResync) is_resync = true;
  }
  if (node.empty() || node == engine_->node_id()) return;
  if (is_resync) {
    if (std::find(resync->begin(), resync->end(), node) == resync->end())
      resync->emplace_back(node);
    return;
  }
  std::vector<OwnedReplica> records;
  if (!decode_batch(payload, &records)) {
    state_->record_error(RuntimeState::kFollower,
                         {RedisCode::kProtocol, "a malformed entry " + entry.id.to_string() +
                                                    " of the stream was skipped"});
    return;
  }
  flush(&records);
  state_->record_lag(wall_clock_ms() - static_cast<std::int64_t>(entry.id.ms));
}

void Follower::flush(std::vector<OwnedReplica>* records) {
  if (records->empty()) return;
  engine_->apply(records);
  state_->records_received.fetch_add(records->size(), std::memory_order_relaxed);
  records->clear();
}

}  // namespace presence::cluster
