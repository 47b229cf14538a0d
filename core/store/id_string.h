// A compact, owning id string: ids up to 30 bytes (the common case: UUIDs
// without dashes, nanoids, "tab-<counter>") live inline in 32 bytes, with no
// allocation; longer ids spill to the heap. Keeps session records small.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace presence::core {

class IdString {
 public:
  IdString() = default;
  explicit IdString(std::string_view text) { assign(text); }
  IdString(const IdString& other) : IdString(other.view()) {}
  IdString& operator=(const IdString& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  IdString(IdString&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    other.bytes_[kTagByte] = 0;
  }
  IdString& operator=(IdString&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
      other.bytes_[kTagByte] = 0;
    }
    return *this;
  }
  ~IdString() { release(); }

  void assign(std::string_view text);
  std::string_view view() const {
    if (on_heap()) {
      const Heap h = heap();
      return {h.data, h.size};
    }
    return {bytes_, static_cast<unsigned char>(bytes_[kTagByte])};
  }
  bool empty() const { return bytes_[kTagByte] == 0; }

 private:
  static constexpr std::size_t kSize = 32;
  static constexpr std::size_t kTagByte = kSize - 1;
  static constexpr std::size_t kInlineMax = kSize - 2;  // one byte spare for the tag
  static constexpr unsigned char kHeapTag = 0xFF;

  struct Heap {
    char* data;
    std::uint32_t size;
  };

  bool on_heap() const { return static_cast<unsigned char>(bytes_[kTagByte]) == kHeapTag; }
  Heap heap() const {
    Heap h{};
    std::memcpy(&h, bytes_, sizeof(h));
    return h;
  }
  void release();

  // Inline: bytes_[0..n) holds the text and bytes_[kTagByte] holds n (n <= 30).
  // Heap: bytes_ starts with a Heap record and the tag byte is kHeapTag.
  char bytes_[kSize] = {};
};

static_assert(sizeof(IdString) == 32, "IdString must stay compact");

}  // namespace presence::core
