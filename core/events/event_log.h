// The bounded history of published events, numbered by a sequence that
// starts at 1. Consumers read "everything after seq N"; once N's successors
// were overwritten the consumer is told it fell too far behind.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "events/event.h"
#include "util/status.h"

namespace presence::core {

class EventLog {
 public:
  explicit EventLog(std::size_t capacity) : capacity_(capacity) {}

  // Assigns the next seq and stores the event. May throw std::bad_alloc
  // (log unchanged).
  std::uint64_t append(EventRecord event);

  std::uint64_t last_seq() const { return next_seq_ - 1; }
  // Numbers the next event last_seq + 1, for an engine restored from a
  // snapshot: consumers at an older seq are then told they fell behind,
  // rather than silently missing what was published before the restart.
  // Precondition: nothing was appended yet.
  void continue_after(std::uint64_t last_seq) { next_seq_ = last_seq + 1; }
  // Oldest seq still held; 0 when empty.
  std::uint64_t oldest_seq() const { return events_.empty() ? 0 : next_seq_ - events_.size(); }

  // Appends events with seq > after_seq (at most max, 0 = all) to *out.
  Status read(std::uint64_t after_seq, std::size_t max, std::vector<EventRecord>* out) const;

 private:
  std::size_t capacity_;
  // A deque: growing never moves what is stored, so appending stays cheap
  // (under the engine's lock) however large the buffer is.
  std::deque<EventRecord> events_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace presence::core
