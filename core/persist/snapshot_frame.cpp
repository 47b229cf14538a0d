#include "persist/snapshot_frame.h"

#include "persist/byte_io.h"
#include "util/siphash.h"

namespace presence::core {

namespace {

constexpr std::string_view kMagic("\x89PESNAP\n", 8);

// Fixed and public: the checksum detects damage; it proves nothing about
// who wrote the file (the file's permissions protect it).
constexpr HashKey kChecksumKey{0x70726573656e6365ULL, 0x736e617073686f74ULL};

Status corrupt(const std::string& why) {
  return {Code::kCorrupt, why};
}

}  // namespace

std::uint64_t snapshot_checksum(std::string_view payload) {
  return siphash13(kChecksumKey, payload);
}

std::string frame_snapshot(std::string_view payload) {
  ByteWriter header;
  header.u32(kSnapshotFormatVersion);
  header.u64(payload.size());
  header.u64(snapshot_checksum(payload));
  std::string file;
  file.reserve(kSnapshotHeaderBytes + payload.size());
  file.append(kMagic);
  file.append(header.take());
  file.append(payload);
  return file;
}

Status open_snapshot_frame(std::string_view file, std::string_view* out_payload) {
  if (file.size() < kMagic.size()) {
    // A prefix of the magic is a file cut short; anything else is foreign.
    if (kMagic.substr(0, file.size()) == file) {
      return corrupt("truncated: " + std::to_string(file.size()) + " bytes, shorter than the " +
                     std::to_string(kSnapshotHeaderBytes) + "-byte header");
    }
    return corrupt("not a presence snapshot (wrong magic number)");
  }
  if (file.substr(0, kMagic.size()) != kMagic) {
    return corrupt("not a presence snapshot (wrong magic number)");
  }
  if (file.size() < kSnapshotHeaderBytes) {
    return corrupt("truncated: " + std::to_string(file.size()) + " bytes, shorter than the " +
                   std::to_string(kSnapshotHeaderBytes) + "-byte header");
  }
  ByteReader header(file.substr(kMagic.size(), kSnapshotHeaderBytes - kMagic.size()));
  const std::uint32_t version = header.u32();
  const std::uint64_t length = header.u64();
  const std::uint64_t checksum = header.u64();
  if (version != kSnapshotFormatVersion) {
    const std::string versions = "format version " + std::to_string(version) +
                                 "; this library reads version " +
                                 std::to_string(kSnapshotFormatVersion);
    if (version > kSnapshotFormatVersion) {
      return {Code::kUnsupported, "written by a newer library (" + versions + ")"};
    }
    return corrupt("unknown " + versions);
  }
  const std::size_t present = file.size() - kSnapshotHeaderBytes;
  if (length > present) {
    return corrupt("truncated: the header announces " + std::to_string(length) +
                   " bytes of payload, " + std::to_string(present) + " follow");
  }
  if (length < present) {
    return corrupt("the header announces " + std::to_string(length) + " bytes of payload, but " +
                   std::to_string(present) + " follow");
  }
  const std::string_view payload = file.substr(kSnapshotHeaderBytes);
  if (snapshot_checksum(payload) != checksum) {
    return corrupt("checksum mismatch: the payload was damaged");
  }
  *out_payload = payload;
  return Status::ok();
}

}  // namespace presence::core
