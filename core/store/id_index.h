// An open-addressing hash index from id strings to slot numbers. The strings
// themselves live in the records (sessions, users); the index keeps 8 bytes
// per entry: a 32-bit hash tag and the slot. Linear probing with backward-
// shift deletion; the home bucket is derived from the tag, so growing never
// touches the records.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "util/huge_pages.h"
#include "util/siphash.h"

namespace presence::core {

inline constexpr std::uint32_t kNoSlot = UINT32_MAX;

template <class KeyOf>  // std::string_view KeyOf::operator()(std::uint32_t slot) const
class IdIndex {
 public:
  IdIndex(const HashKey& key, KeyOf key_of) : key_(key), key_of_(key_of) { rebuild(kMinCapacity); }

  std::uint32_t tag_of(std::string_view id) const {
    return static_cast<std::uint32_t>(siphash13(key_, id));
  }

  std::uint32_t find(std::string_view id) const { return find(id, tag_of(id)); }

  std::uint32_t find(std::string_view id, std::uint32_t tag) const {
    for (std::size_t i = home(tag);; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.slot == kNoSlot) return kNoSlot;
      if (e.tag == tag && key_of_(e.slot) == id) return e.slot;
    }
  }

  // Starts loading the bucket `tag` hashes to, ahead of a find() with it.
  void prefetch(std::uint32_t tag) const { __builtin_prefetch(&entries_[home(tag)]); }

  // Precondition: `id` is absent. May throw std::bad_alloc (index unchanged).
  void insert(std::string_view id, std::uint32_t slot) { insert_tagged(tag_of(id), slot); }

  void insert_tagged(std::uint32_t tag, std::uint32_t slot) {
    if ((size_ + 1) * kLoadDen > entries_.size() * kLoadNum) rebuild(entries_.size() * 2);
    place(tag, slot);
    ++size_;
  }

  // Precondition: `id` maps to `slot`.
  void erase(std::string_view id, std::uint32_t slot) {
    std::size_t i = home(tag_of(id));
    while (entries_[i].slot != slot) i = (i + 1) & mask_;
    // Backward shift: pull later entries of the probe run into the hole.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      const Entry& e = entries_[j];
      if (e.slot == kNoSlot) break;
      const std::size_t h = home(e.tag);
      // Move e into the hole unless its home lies cyclically in (i, j].
      const bool home_after_hole = (i <= j) ? (h > i && h <= j) : (h > i || h <= j);
      if (!home_after_hole) {
        entries_[i] = e;
        i = j;
      }
    }
    entries_[i] = Entry{};
    --size_;
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    std::uint32_t tag = 0;
    std::uint32_t slot = kNoSlot;
  };
  static constexpr std::size_t kMinCapacity = 16;
  static constexpr std::size_t kLoadNum = 4;  // grow past 4/5 full
  static constexpr std::size_t kLoadDen = 5;

  // Fibonacci hashing spreads the tag over the table's bits.
  std::size_t home(std::uint32_t tag) const {
    return static_cast<std::size_t>((tag * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;
  }

  void place(std::uint32_t tag, std::uint32_t slot) {
    std::size_t i = home(tag);
    while (entries_[i].slot != kNoSlot) i = (i + 1) & mask_;
    entries_[i] = Entry{tag, slot};
  }

  void rebuild(std::size_t capacity) {
    std::vector<Entry> old(capacity);
    advise_huge_pages(old.data(), capacity * sizeof(Entry));
    old.swap(entries_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const Entry& e : old) {
      if (e.slot != kNoSlot) place(e.tag, e.slot);
    }
  }

  HashKey key_;
  KeyOf key_of_;
  std::vector<Entry> entries_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace presence::core
