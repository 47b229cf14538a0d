// An open-addressing index from (room, owner, guest) to member slots: a
// join finds its member in O(1) whatever the room's size, without walking the
// room's id order. It keeps only the 4-byte slots; keys are read from the
// member records. Slot numbers are the engine's, not the client's, so no
// keyed hash is needed. Linear probing with backward-shift deletion.
#pragma once

#include <cstdint>
#include <vector>

#include "store/id_index.h"
#include "util/huge_pages.h"

namespace presence::core {

template <class KeyOf>  // std::uint64_t KeyOf::operator()(std::uint32_t member_slot) const
class MemberIndex {
 public:
  explicit MemberIndex(KeyOf key_of) : key_of_(key_of) { rebuild(kMinCapacity); }

  static std::uint64_t key(std::uint32_t room, std::uint32_t owner, bool guest) {
    return (std::uint64_t{room} << 33) | (std::uint64_t{owner} << 1) | (guest ? 1U : 0U);
  }

  std::uint32_t find(std::uint64_t key) const {
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      const std::uint32_t slot = slots_[i];
      if (slot == kNoSlot || key_of_(slot) == key) return slot;
    }
  }

  // Precondition: no member with this slot's key is indexed. May throw
  // std::bad_alloc (index unchanged).
  void insert(std::uint32_t slot) {
    if ((size_ + 1) * kLoadDen > slots_.size() * kLoadNum) rebuild(slots_.size() * 2);
    place(slot);
    ++size_;
  }

  // Precondition: `slot` is indexed and its record still holds its key.
  void erase(std::uint32_t slot) {
    std::size_t i = home(key_of_(slot));
    while (slots_[i] != slot) i = (i + 1) & mask_;
    // Backward shift: pull later entries of the probe run into the hole.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      const std::uint32_t moved = slots_[j];
      if (moved == kNoSlot) break;
      const std::size_t h = home(key_of_(moved));
      // Move it into the hole unless its home lies cyclically in (i, j].
      const bool home_after_hole = (i <= j) ? (h > i && h <= j) : (h > i || h <= j);
      if (!home_after_hole) {
        slots_[i] = moved;
        i = j;
      }
    }
    slots_[i] = kNoSlot;
    --size_;
  }

  std::size_t size() const { return size_; }

 private:
  static constexpr std::size_t kMinCapacity = 16;
  static constexpr std::size_t kLoadNum = 4;  // grow past 4/5 full
  static constexpr std::size_t kLoadDen = 5;

  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;
  }

  void place(std::uint32_t slot) {
    std::size_t i = home(key_of_(slot));
    while (slots_[i] != kNoSlot) i = (i + 1) & mask_;
    slots_[i] = slot;
  }

  void rebuild(std::size_t capacity) {
    std::vector<std::uint32_t> old(capacity, kNoSlot);
    advise_huge_pages(old.data(), capacity * sizeof(std::uint32_t));
    old.swap(slots_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const std::uint32_t slot : old) {
      if (slot != kNoSlot) place(slot);
    }
  }

  KeyOf key_of_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace presence::core
