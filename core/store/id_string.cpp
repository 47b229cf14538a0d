#include "store/id_string.h"

#include <new>

namespace presence::core {

void IdString::assign(std::string_view text) {
  if (text.size() <= kInlineMax) {
    release();
    if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
    bytes_[kTagByte] = static_cast<char>(text.size());
    return;
  }
  // Allocate before releasing, so a failed allocation leaves *this unchanged.
  Heap h{new char[text.size()], static_cast<std::uint32_t>(text.size())};
  std::memcpy(h.data, text.data(), text.size());
  release();
  std::memcpy(bytes_, &h, sizeof(h));
  bytes_[kTagByte] = static_cast<char>(kHeapTag);
}

void IdString::release() {
  if (on_heap()) delete[] heap().data;
  bytes_[kTagByte] = 0;
}

}  // namespace presence::core
