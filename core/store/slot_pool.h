// Stable storage for records addressed by 32-bit slot numbers. Records live in
// fixed-size chunks, so growing never moves them and never doubles memory;
// freed slots are reused (most recently freed first).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "store/id_index.h"

namespace presence::core {

template <class T>
class SlotPool {
 public:
  // Returns a slot holding a default-constructed T. May throw std::bad_alloc
  // (pool unchanged).
  std::uint32_t allocate() {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      ++live_;
      return slot;
    }
    if (end_ == chunks_.size() * kChunkSize) {
      auto chunk = std::make_unique<T[]>(kChunkSize);
      // Room for every slot on the free list, so release() never allocates.
      free_.reserve((chunks_.size() + 1) * kChunkSize);
      chunks_.push_back(std::move(chunk));
    }
    ++live_;
    return static_cast<std::uint32_t>(end_++);
  }

  void release(std::uint32_t slot) {
    (*this)[slot] = T{};
    free_.push_back(slot);
    --live_;
  }

  T& operator[](std::uint32_t slot) { return chunks_[slot / kChunkSize][slot % kChunkSize]; }
  const T& operator[](std::uint32_t slot) const {
    return chunks_[slot / kChunkSize][slot % kChunkSize];
  }

  std::size_t live() const { return live_; }
  // One past the highest slot ever allocated: iterate [0, end()) and skip
  // free slots with the record's own "in use" test.
  std::uint32_t end() const { return static_cast<std::uint32_t>(end_); }

 private:
  static constexpr std::size_t kChunkSize = 4096;
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::vector<std::uint32_t> free_;
  std::size_t end_ = 0;
  std::size_t live_ = 0;
};

}  // namespace presence::core
