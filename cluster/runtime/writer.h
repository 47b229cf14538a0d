// The writer thread: this node's records into Redis. Every batch interval it
// takes the engine's new records and, in one MULTI/EXEC, mirrors them into
// the node's session hash (HSET, or HDEL for a record that ends a session or
// hands it to another node) and appends them to the stream as one entry.
// A batch that failed is sent again, as is, once Redis is back: applying a
// record twice changes nothing (versions), so a duplicate entry is harmless.
// The whole mirror is rewritten from the engine (export pages into a fresh
// key, then RENAME, then a resync entry) at the start, when the engine's
// outbox overflowed, and when Redis lost the mirror (its marker field is
// checked every ttl/3 and after every failure).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "redis/connection.h"
#include "redis/typed.h"
#include "runtime/engine_port.h"
#include "runtime/runtime_options.h"
#include "runtime/runtime_state.h"
#include "runtime/runtime_thread.h"

namespace presence::cluster {

class Writer : RuntimeThread {
 public:
  Writer(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
         std::unique_ptr<RedisConnection> connection);
  // The thread's body: returns after request_stop(kWriter), having sent
  // what it took.
  void run();
  // After run() returned: forget this node in Redis (liveness key, mirror,
  // registry), one attempt. Called once the liveness thread is gone, so
  // nothing renews the key afterwards.
  void say_goodbye();

 private:
  struct Batch {
    std::string records;                // the stream entry's payload
    FieldValues upserts;                // mirror fields to set
    std::vector<std::string> removals;  // mirror fields to delete
    std::size_t count = 0;
    bool empty() const { return count == 0; }
  };

  // One step of the loop; false when Redis failed (retry after a wait).
  bool step();
  // Takes the engine's new records into batch_; false when its outbox
  // overflowed (the mirror is then rewritten instead).
  bool take_batch();
  RedisStatus send_batch();
  RedisStatus rewrite_mirror();
  // After a failure and every ttl/3: does Redis still hold this
  // incarnation's mirror? Marks it dirty if not.
  RedisStatus check_mirror();

  std::string incarnation_;
  Batch batch_;
  bool mirror_dirty_ = true;
  // Check that Redis still holds the mirror before the next step.
  bool check_mirror_ = false;
  std::chrono::steady_clock::time_point next_check_{};
};

}  // namespace presence::cluster
