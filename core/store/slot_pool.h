// Stable storage for records addressed by 32-bit slot numbers. Records live in
// chunks of about 2 MiB (huge pages where available), so growing never moves
// them and never doubles memory. Freed slots are reused, most recently freed
// first, through a free list threaded through the records' own `Link` field
// (a field a free record does not use), so the list costs no memory.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "store/id_index.h"
#include "util/huge_pages.h"

namespace presence::core {

template <class T, std::uint32_t T::*Link>
class SlotPool {
 public:
  // Returns a slot holding a default-constructed T. May throw std::bad_alloc
  // (pool unchanged).
  std::uint32_t allocate() {
    if (free_head_ != kNoSlot) {
      const std::uint32_t slot = free_head_;
      T& record = (*this)[slot];
      free_head_ = record.*Link;
      record.*Link = kNoSlot;  // the link field's value in a live record
      ++live_;
      return slot;
    }
    if (end_ == chunks_.size() * kChunkSize) chunks_.push_back(make_chunk());
    ++live_;
    return static_cast<std::uint32_t>(end_++);
  }

  void release(std::uint32_t slot) {
    T& record = (*this)[slot];
    record = T{};
    record.*Link = free_head_;
    free_head_ = slot;
    --live_;
  }

  T& operator[](std::uint32_t slot) { return chunks_[slot / kChunkSize].get()[slot % kChunkSize]; }
  const T& operator[](std::uint32_t slot) const {
    return chunks_[slot / kChunkSize].get()[slot % kChunkSize];
  }

  std::size_t live() const { return live_; }
  // One past the highest slot ever allocated: iterate [0, end()) and skip
  // free slots with the record's own "in use" test.
  std::uint32_t end() const { return static_cast<std::uint32_t>(end_); }

 private:
  static constexpr std::size_t kChunkBytes = std::size_t{2} << 20;
  static constexpr std::size_t kChunkSize = kChunkBytes / sizeof(T);

  struct ChunkDeleter {
    void operator()(T* records) const {
      for (std::size_t i = 0; i < kChunkSize; ++i) records[i].~T();
      ::operator delete (records, std::align_val_t{kChunkBytes});
    }
  };
  using Chunk = std::unique_ptr<T, ChunkDeleter>;

  // A chunk aligned to its size, so that it can be one huge page.
  static Chunk make_chunk() {
    static_assert(std::is_nothrow_default_constructible_v<T>);
    void* raw = ::operator new (kChunkBytes, std::align_val_t{kChunkBytes});
    advise_huge_pages(raw, kChunkBytes);
    T* records = static_cast<T*>(raw);
    for (std::size_t i = 0; i < kChunkSize; ++i) new (records + i) T();
    return Chunk(records);
  }

  std::vector<Chunk> chunks_;
  std::uint32_t free_head_ = kNoSlot;
  std::size_t end_ = 0;
  std::size_t live_ = 0;
};

}  // namespace presence::core
