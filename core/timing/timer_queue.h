// Deadlines of one kind of record (sessions, users), one per slot at most:
// an indexed 4-ary min-heap ordered by (deadline, slot), so ties break the
// same way in every run. Peeking is O(1); schedule/cancel/pop are O(log n).
// The engine schedules a record only for its next possible transition, not
// per heartbeat, so timer work grows with transitions due, not with traffic.
#pragma once

#include <cstdint>
#include <vector>

#include "store/id_index.h"
#include "util/millis.h"

namespace presence::core {

class TimerQueue {
 public:
  bool empty() const { return slots_.empty(); }
  std::size_t size() const { return slots_.size(); }
  Millis top_deadline() const { return empty() ? kNever : deadlines_[0]; }
  std::uint32_t top_slot() const { return slots_[0]; }

  // Sets (or moves) the deadline of `slot`; kNever cancels it.
  // May throw std::bad_alloc only when the slot was not queued (queue unchanged).
  void schedule(std::uint32_t slot, Millis deadline);
  void cancel(std::uint32_t slot);
  bool contains(std::uint32_t slot) const {
    return slot < position_.size() && position_[slot] != kNoSlot;
  }
  Millis deadline_of(std::uint32_t slot) const {
    return contains(slot) ? deadlines_[position_[slot]] : kNever;
  }

  std::size_t memory_bytes() const;

 private:
  static constexpr std::size_t kArity = 4;

  bool before(std::size_t a, std::size_t b) const {
    return deadlines_[a] < deadlines_[b] ||
           (deadlines_[a] == deadlines_[b] && slots_[a] < slots_[b]);
  }
  void swap_entries(std::size_t a, std::size_t b);
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void remove_at(std::size_t i);

  // Structure of arrays: 12 bytes per queued slot plus 4 per slot number.
  std::vector<Millis> deadlines_;
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint32_t> position_;  // slot -> heap index, or kNoSlot
};

}  // namespace presence::core
