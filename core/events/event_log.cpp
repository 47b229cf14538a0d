#include "events/event_log.h"

#include <string>
#include <utility>

namespace presence::core {

std::uint64_t EventLog::append(EventRecord event) {
  event.seq = next_seq_;
  if (ring_.size() < capacity_) {
    ring_.push_back(std::move(event));
  } else {
    ring_[head_] = std::move(event);
    head_ = (head_ + 1) % capacity_;
  }
  return next_seq_++;
}

const EventRecord& EventLog::at_seq(std::uint64_t seq) const {
  const std::size_t offset = static_cast<std::size_t>(seq - oldest_seq());
  return ring_[(head_ + offset) % ring_.size()];
}

Status EventLog::read(std::uint64_t after_seq, std::size_t max,
                      std::vector<EventRecord>* out) const {
  const std::uint64_t last = last_seq();
  if (after_seq > last) {
    return invalid_argument("after_seq " + std::to_string(after_seq) +
                            " is ahead of the newest event " + std::to_string(last));
  }
  if (after_seq == last) return Status::ok();
  const std::uint64_t first = after_seq + 1;
  if (first < oldest_seq()) {
    return {Code::kTooFarBehind, "events after seq " + std::to_string(after_seq) +
                                     " were dropped (oldest kept is " +
                                     std::to_string(oldest_seq()) + "); take a snapshot"};
  }
  std::uint64_t end = last + 1;
  if (max != 0 && end - first > max) end = first + max;
  out->reserve(out->size() + static_cast<std::size_t>(end - first));
  for (std::uint64_t seq = first; seq < end; ++seq) out->push_back(at_seq(seq));
  return Status::ok();
}

}  // namespace presence::core
