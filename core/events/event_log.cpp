#include "events/event_log.h"

#include <string>
#include <utility>

namespace presence::core {

std::uint64_t EventLog::append(EventRecord event) {
  event.seq = next_seq_;
  events_.push_back(std::move(event));
  if (events_.size() > capacity_) events_.pop_front();
  return next_seq_++;
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
  // Empty while last_seq() > after_seq: the log was restored (continue_after).
  if (events_.empty() || first < oldest_seq()) {
    return {Code::kTooFarBehind, "events after seq " + std::to_string(after_seq) +
                                     " were dropped (oldest kept is " +
                                     std::to_string(oldest_seq()) + "); take a snapshot"};
  }
  std::uint64_t end = last + 1;
  if (max != 0 && end - first > max) end = first + max;
  out->reserve(out->size() + static_cast<std::size_t>(end - first));
  const auto from = events_.begin() + static_cast<std::ptrdiff_t>(first - oldest_seq());
  out->insert(out->end(), from, from + static_cast<std::ptrdiff_t>(end - first));
  return Status::ok();
}

}  // namespace presence::core
