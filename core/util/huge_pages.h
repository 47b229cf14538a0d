// Large tables (a million sessions is ~130 MB) are accessed at random; with
// 4 KiB pages nearly every heartbeat also misses the TLB. Where the system
// allows it, ask for transparent huge pages on such memory.
#pragma once

#include <cstddef>

namespace presence::core {

// Advises the kernel to back the 2 MiB-aligned part of [data, data+bytes)
// with huge pages. A no-op where unsupported; never fails.
void advise_huge_pages(void* data, std::size_t bytes);

}  // namespace presence::core
