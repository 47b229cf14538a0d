// The follower thread: the other nodes' sessions into this engine.
//
// Bootstrap: read the stream's end first (XINFO), then the mirrors of the
// live nodes (HSCAN) and apply them, then follow the stream from that end
// (XREAD BLOCK). Whatever changed during the scan is in the stream after the
// position read first, so nothing falls between the two; applying a record
// twice changes nothing (versions). A session this engine holds for a node
// whose mirror no longer has it ended while we were not following: it is
// ended here too.
//
// It bootstraps again when it cannot continue exactly: the stream was
// trimmed past its position while it was away or slow, or Redis lost the
// stream (restarted without persistence). A resync entry (a node rewrote its
// mirror) makes it read that one mirror again.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "redis/connection.h"
#include "redis/streams.h"
#include "runtime/engine_port.h"
#include "runtime/runtime_options.h"
#include "runtime/runtime_state.h"
#include "runtime/runtime_thread.h"

namespace presence::cluster {

class Follower : RuntimeThread {
 public:
  Follower(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
           std::unique_ptr<RedisConnection> connection);
  void run();
  // Wakes a blocked read for good (stop).
  void cancel() { connection_->cancel(); }

 private:
  RedisStatus bootstrap();
  // Reads one node's mirror into the engine; adds its session ids to *seen.
  RedisStatus load_mirror(const std::string& node, std::unordered_set<std::string>* seen);
  // A session this engine holds for another node, as it holds it.
  struct HeldSession {
    std::string session_id;
    std::string node_id;
    std::uint64_t version;
  };
  // The sessions this engine holds for `nodes`.
  std::vector<HeldSession> held_sessions(const std::unordered_set<std::string>& nodes);
  // Ends those of `held` whose owner's mirror did not have them (`seen`).
  void end_unseen(const std::vector<HeldSession>& held,
                  const std::unordered_set<std::string>& seen);
  RedisStatus follow();
  // True when entries were lost between the position and the stream.
  RedisStatus check_position(bool* lost);
  void apply_entry(const StreamEntry& entry, std::vector<std::string>* resync);
  void flush(std::vector<OwnedReplica>* records);

  StreamPosition position_;
  std::size_t read_count_;
  bool need_bootstrap_ = true;
  // After a lost connection: check the position before the next read.
  bool maybe_behind_ = false;
};

}  // namespace presence::cluster
