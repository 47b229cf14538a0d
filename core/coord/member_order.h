// The members of one room in id order, kept in chunks of bounded size, so
// that a join or a leave in a room of any size moves at most one chunk, and
// a page is a binary search and a short walk.
#pragma once

#include <cstdint>
#include <vector>

namespace presence::core {

class MemberOrder {
 public:
  struct Position {
    std::uint32_t chunk = 0;
    std::uint32_t index = 0;
  };

  std::size_t size() const { return size_; }
  Position begin() const { return Position{}; }
  bool at_end(Position p) const { return p.chunk >= chunks_.size(); }
  std::uint32_t at(Position p) const { return chunks_[p.chunk][p.index]; }
  Position next(Position p) const {
    if (++p.index == chunks_[p.chunk].size()) p = Position{p.chunk + 1, 0};
    return p;
  }

  // The first position whose member is not before the key: `before(slot)`
  // tells whether the member in `slot` sorts before it.
  template <class Before>
  Position lower_bound(Before&& before) const {
    std::size_t lo = 0;
    std::size_t hi = chunks_.size();
    while (lo < hi) {  // the first chunk whose last member is not before the key
      const std::size_t mid = (lo + hi) / 2;
      if (before(chunks_[mid].back())) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == chunks_.size()) return Position{static_cast<std::uint32_t>(lo), 0};
    const std::vector<std::uint32_t>& chunk = chunks_[lo];
    std::size_t a = 0;
    std::size_t b = chunk.size();
    while (a < b) {
      const std::size_t mid = (a + b) / 2;
      if (before(chunk[mid])) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return Position{static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(a)};
  }

  // Inserts before `p` (as returned by lower_bound). May throw std::bad_alloc.
  void insert(Position p, std::uint32_t slot);
  void erase(Position p);

 private:
  static constexpr std::size_t kChunk = 256;
  std::vector<std::vector<std::uint32_t>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace presence::core
