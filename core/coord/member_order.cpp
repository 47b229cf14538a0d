#include "coord/member_order.h"

namespace presence::core {

void MemberOrder::insert(Position p, std::uint32_t slot) {
  if (chunks_.empty()) {
    chunks_.emplace_back(1, slot);
    ++size_;
    return;
  }
  if (p.chunk == chunks_.size())
    p = Position{p.chunk - 1, static_cast<std::uint32_t>(chunks_.back().size())};
  std::vector<std::uint32_t>& chunk = chunks_[p.chunk];
  chunk.insert(chunk.begin() + p.index, slot);
  ++size_;
  if (chunk.size() > kChunk) {
    // Split in halves: both stay sorted, and the chunk index stays ordered.
    std::vector<std::uint32_t> upper(chunk.begin() + static_cast<std::ptrdiff_t>(kChunk / 2),
                                     chunk.end());
    chunk.resize(kChunk / 2);
    chunks_.insert(chunks_.begin() + p.chunk + 1, std::move(upper));
  }
}

void MemberOrder::erase(Position p) {
  std::vector<std::uint32_t>& chunk = chunks_[p.chunk];
  chunk.erase(chunk.begin() + p.index);
  --size_;
  if (chunk.empty()) chunks_.erase(chunks_.begin() + p.chunk);
}

}  // namespace presence::core
