// The envelope of a snapshot file: what lets a reader refuse a file before it
// trusts a byte of the payload.
//
//   offset  size  field
//        0     8  magic "\x89PESNAP\n" (the high byte catches 7-bit transfers,
//                 the newline catches text-mode line-ending conversion)
//        8     4  format version, little-endian (kSnapshotFormatVersion)
//       12     8  payload length in bytes, little-endian
//       20     8  checksum of the payload: SipHash-1-3 under a fixed, public
//                 key (an integrity check against damage, not a signature)
//       28     n  payload (see engine_snapshot.h)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace presence::core {

// Bumped whenever the payload's layout changes; a reader refuses versions it
// does not know, so an older library never misreads a newer file.
inline constexpr std::uint32_t kSnapshotFormatVersion = 1;
inline constexpr std::size_t kSnapshotHeaderBytes = 28;

// The whole file for `payload`.
std::string frame_snapshot(std::string_view payload);

// Checks the envelope of a whole file; *out_payload then views its payload.
// kCorrupt for a foreign, truncated or damaged file, kUnsupported for a
// format version this library does not read (the message says which).
Status open_snapshot_frame(std::string_view file, std::string_view* out_payload);

// The payload checksum (exposed so tests can forge consistent files).
std::uint64_t snapshot_checksum(std::string_view payload);

}  // namespace presence::core
