#include "runtime/writer.h"

#include <chrono>
#include <random>
#include <unordered_map>
#include <utility>

#include "redis/hashes.h"
#include "redis/keys.h"
#include "redis/streams.h"

namespace presence::cluster {
namespace {

// Records per batch: an entry stays well under a megabyte, and a follower
// applies one entry under the engine's lock in a few milliseconds.
constexpr std::size_t kMaxBatchRecords = 4096;
// Sessions per export page and per HSET while rewriting the mirror.
constexpr std::size_t kExportPage = 10000;

std::string make_incarnation() {
  std::random_device random;
  return std::to_string(wall_clock_ms()) + "-" + std::to_string(random());
}

RedisStatus exec_status(const std::vector<RedisReply>& replies) {
  // MULTI, the queued commands, EXEC: an error inside the transaction shows
  // in EXEC's array; a queuing error as an error reply before it.
  for (const RedisReply& reply : replies) {
    if (reply.is_error()) return {RedisCode::kServerError, reply.text()};
  }
  const RedisReply& exec = replies.back();
  if (!exec.is_array()) return {RedisCode::kServerError, "EXEC: the transaction was aborted"};
  for (const RedisReply& reply : exec.elements()) {
    if (reply.is_error()) return {RedisCode::kServerError, reply.text()};
  }
  return RedisStatus::ok();
}

}  // namespace

Writer::Writer(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
               std::unique_ptr<RedisConnection> connection)
    : RuntimeThread(options, engine, state, std::move(connection)),
      incarnation_(make_incarnation()) {}

void Writer::run() {
  wait_for_redis(state_, RuntimeState::kWriter, connection_.get());
  while (state_->running(RuntimeState::kWriter)) {
    if (!step()) {
      wait_for_redis(state_, RuntimeState::kWriter, connection_.get());
      state_->sleep_for(RuntimeState::kWriter, kRetryPauseMs);
      continue;
    }
    if (batch_.empty() && !mirror_dirty_) {
      state_->sleep_for(RuntimeState::kWriter, options_.batch_interval_ms);
    }
  }
  // Stopping: what was taken leaves the engine's outbox for good, so send it
  // (one attempt; the other nodes expire it with this node otherwise).
  if (mirror_dirty_) return;
  if (batch_.empty()) take_batch();
  if (!batch_.empty()) (void)send_batch();
}

bool Writer::step() {
  // Also every ttl/3 when all is quiet: a Redis that restarted empty (or was
  // flushed) between two batches must get this node's mirror back.
  const auto now = std::chrono::steady_clock::now();
  if (now >= next_check_) {
    check_mirror_ = true;
    next_check_ = now + std::chrono::milliseconds(options_.node_ttl_ms / 3);
  }
  if (check_mirror_) {
    RedisStatus status = check_mirror();
    if (!status.is_ok()) {
      state_->record_error(RuntimeState::kWriter, status);
      return false;
    }
    check_mirror_ = false;
  }
  if (mirror_dirty_) {
    RedisStatus status = rewrite_mirror();
    if (!status.is_ok()) {
      state_->record_error(RuntimeState::kWriter, status);
      return false;
    }
    mirror_dirty_ = false;
    state_->mark_ready(RuntimeState::kWriter);
  }
  if (batch_.empty() && !take_batch()) return true;  // overflowed: rewrite next
  if (batch_.empty()) return true;
  RedisStatus status = send_batch();
  if (!status.is_ok()) {
    state_->record_error(RuntimeState::kWriter, status);
    // Redis may or may not have run the transaction; the next attempt
    // resends it whole, and the mirror is checked in case Redis lost data.
    check_mirror_ = true;
    return false;
  }
  batch_ = Batch{};
  return true;
}

bool Writer::take_batch() {
  // Later records of one session replace earlier ones in the mirror; the
  // stream carries them all, in order.
  std::unordered_map<std::string, bool> last;  // session id -> keep in mirror
  const pe_status status = engine_->take(kMaxBatchRecords, [&](const pe_replica& r) {
    append_to_batch(r, &batch_.records);
    ++batch_.count;
    std::string id(r.session_id, r.session_id_len);
    const bool ours = std::string_view(r.node_id, r.node_id_len) == engine_->node_id();
    const bool keep = ours && r.ended == 0;
    if (keep) {
      std::string encoded;
      encode_replica(r, &encoded);
      batch_.upserts.emplace_back(id, std::move(encoded));
    }
    last[std::move(id)] = keep;
  });
  if (status == PE_TOO_FAR_BEHIND) {
    // The outbox overflowed and was emptied: only a full rewrite is exact.
    batch_ = Batch{};
    mirror_dirty_ = true;
    return false;
  }
  if (batch_.empty()) return true;
  // Keep each session's last upsert only, and delete those whose last record removes them.
  FieldValues upserts;
  for (auto it = batch_.upserts.rbegin(); it != batch_.upserts.rend(); ++it) {
    auto found = last.find(it->first);
    if (found != last.end() && found->second) {
      upserts.push_back(std::move(*it));
      last.erase(found);
    }
  }
  for (auto& [id, keep] : last) {
    if (!keep) batch_.removals.push_back(id);
  }
  batch_.upserts = std::move(upserts);
  return true;
}

RedisStatus Writer::send_batch() {
  const std::string mirror = keys_.sessions(engine_->node_id());
  std::vector<RedisCommand> commands{{"MULTI"}};
  if (!batch_.upserts.empty()) commands.push_back(hset_command(mirror, batch_.upserts));
  if (!batch_.removals.empty()) commands.push_back(hdel_command(mirror, batch_.removals));
  commands.push_back(xadd_command(
      keys_.log(),
      {{std::string(kFieldNode), engine_->node_id()}, {std::string(kFieldRecords), batch_.records}},
      options_.stream_max_len));
  commands.push_back({"EXEC"});
  std::vector<RedisReply> replies;
  PE_REDIS_TRY(connection_->pipeline(commands, &replies));
  PE_REDIS_TRY(exec_status(replies));
  state_->count_sent(batch_.count);
  return RedisStatus::ok();
}

RedisStatus Writer::rewrite_mirror() {
  // Records taken before the export are covered by it; those produced
  // during and after it follow in batches, so they land after the RENAME.
  batch_ = Batch{};
  if (engine_->take(0, [](const pe_replica&) {}) == PE_CLOSED) {
    return {RedisCode::kClosed, "the engine is closed"};
  }
  const std::string mirror = keys_.sessions(engine_->node_id());
  const std::string fresh = mirror + ":rewrite";
  std::int64_t ignored = 0;
  PE_REDIS_TRY(del(*connection_, {fresh}, &ignored));
  PE_REDIS_TRY(hset(*connection_, fresh, {{std::string(kMirrorMarker), incarnation_}}, &ignored));
  std::uint64_t cursor = 0;
  do {
    FieldValues fields;
    const pe_status status = engine_->export_page(
        cursor, kExportPage,
        [&](const pe_replica& r) {
          std::string encoded;
          encode_replica(r, &encoded);
          fields.emplace_back(std::string(r.session_id, r.session_id_len), std::move(encoded));
        },
        &cursor);
    if (status != PE_OK) return {RedisCode::kClosed, "the engine is closed"};
    if (!fields.empty()) PE_REDIS_TRY(hset(*connection_, fresh, fields, &ignored));
  } while (cursor != 0);
  RedisReply reply;
  PE_REDIS_TRY(connection_->execute({"RENAME", fresh, mirror}, &reply));
  if (reply.is_error()) return {RedisCode::kServerError, "RENAME: " + reply.text()};
  PE_REDIS_TRY(hset(*connection_, keys_.nodes(),
                    {{engine_->node_id(), std::to_string(wall_clock_ms())}}, &ignored));
  StreamId id;
  PE_REDIS_TRY(
      xadd(*connection_, keys_.log(),
           {{std::string(kFieldNode), engine_->node_id()}, {std::string(kFieldResync), "1"}},
           options_.stream_max_len, &id));
  state_->mirror_rewrites.fetch_add(1, std::memory_order_relaxed);
  return RedisStatus::ok();
}

RedisStatus Writer::check_mirror() {
  RedisReply reply;
  PE_REDIS_TRY(connection_->execute(
      {"HGET", keys_.sessions(engine_->node_id()), std::string(kMirrorMarker)}, &reply));
  if (!reply.is_string() || reply.text() != incarnation_) mirror_dirty_ = true;
  return RedisStatus::ok();
}

void Writer::say_goodbye() {
  const std::string& node = engine_->node_id();
  std::vector<RedisReply> replies;
  // Errors are of no use now: the key's TTL ends this node anyway.
  (void)connection_->pipeline(
      {{"DEL", keys_.alive(node), keys_.sessions(node)}, {"HDEL", keys_.nodes(), node}}, &replies);
  connection_->close();
}

}  // namespace presence::cluster
