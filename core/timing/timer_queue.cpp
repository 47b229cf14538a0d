#include "timing/timer_queue.h"

#include <utility>

namespace presence::core {

void TimerQueue::schedule(std::uint32_t slot, Millis deadline) {
  if (deadline == kNever) {
    cancel(slot);
    return;
  }
  if (contains(slot)) {
    const std::size_t i = position_[slot];
    const Millis old = deadlines_[i];
    deadlines_[i] = deadline;
    if (deadline < old) {
      sift_up(i);
    } else {
      sift_down(i);
    }
    return;
  }
  if (slot >= position_.size()) {
    std::size_t grown = position_.size() < 64 ? 64 : position_.size();
    while (grown <= slot) grown *= 2;
    position_.resize(grown, kNoSlot);
  }
  deadlines_.push_back(deadline);
  try {
    slots_.push_back(slot);
  } catch (...) {
    deadlines_.pop_back();
    throw;
  }
  position_[slot] = static_cast<std::uint32_t>(slots_.size() - 1);
  sift_up(slots_.size() - 1);
}

void TimerQueue::cancel(std::uint32_t slot) {
  if (contains(slot)) remove_at(position_[slot]);
}

void TimerQueue::remove_at(std::size_t i) {
  const std::size_t last = slots_.size() - 1;
  position_[slots_[i]] = kNoSlot;
  if (i != last) {
    deadlines_[i] = deadlines_[last];
    slots_[i] = slots_[last];
    position_[slots_[i]] = static_cast<std::uint32_t>(i);
  }
  deadlines_.pop_back();
  slots_.pop_back();
  if (i < slots_.size()) {
    if (i > 0 && before(i, (i - 1) / kArity)) {
      sift_up(i);
    } else {
      sift_down(i);
    }
  }
}

void TimerQueue::swap_entries(std::size_t a, std::size_t b) {
  std::swap(deadlines_[a], deadlines_[b]);
  std::swap(slots_[a], slots_[b]);
  position_[slots_[a]] = static_cast<std::uint32_t>(a);
  position_[slots_[b]] = static_cast<std::uint32_t>(b);
}

void TimerQueue::sift_up(std::size_t i) {
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(i, parent)) break;
    swap_entries(i, parent);
    i = parent;
  }
}

void TimerQueue::sift_down(std::size_t i) {
  const std::size_t n = slots_.size();
  for (;;) {
    const std::size_t first = i * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(c, best)) best = c;
    }
    if (!before(best, i)) break;
    swap_entries(i, best);
    i = best;
  }
}

std::size_t TimerQueue::memory_bytes() const {
  return deadlines_.capacity() * sizeof(Millis) + slots_.capacity() * sizeof(std::uint32_t) +
         position_.capacity() * sizeof(std::uint32_t);
}

}  // namespace presence::core
