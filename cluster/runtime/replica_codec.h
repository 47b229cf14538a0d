// The wire form of replication records, in the stream and in the mirrors.
//
// The core exposes records only as pe_replica structs, so the runtime has
// its own encoding: compact (varints; a typical record is ~60 bytes), binary
// and versioned by its first byte, so that a future format can be told
// apart. The decoder reads bytes that came over the network: it checks every
// length against what is left, refuses unknown versions, flags and states,
// and trailing bytes, and never reads past the input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "presence/presence.h"

namespace presence::cluster {

// A record that owns its texts; view() lends them as a pe_replica.
struct OwnedReplica {
  std::string session_id;
  std::optional<std::string> user_id;
  std::string node_id;
  std::uint64_t version = 0;
  pe_state state = PE_STATE_OFFLINE;
  bool reconnecting = false;
  bool visible = true;
  bool connected = true;
  bool ended = false;
  std::int64_t since_ms = 0;
  std::int64_t last_signal_at_ms = 0;
  std::int64_t last_activity_at_ms = 0;
  std::int64_t heartbeat_interval_ms = 0;
  std::optional<std::string> meta;
  std::vector<std::string> rooms;

  // The room arrays view() points into; rebuilt by view().
  std::vector<const char*> room_ptrs;
  std::vector<std::size_t> room_lens;

  // Valid while this object lives and is not changed.
  pe_replica view();
};

// Appends the encoding of `record` to *out.
void encode_replica(const pe_replica& record, std::string* out);

// Decodes exactly one record spanning all of `bytes`; false (and *out
// unspecified) for anything malformed.
bool decode_replica(std::string_view bytes, OwnedReplica* out);

// A batch is records one after another, each preceded by its length.
void append_to_batch(const pe_replica& record, std::string* batch);
// Decodes a whole batch; false if any part is malformed (nothing is kept).
bool decode_batch(std::string_view batch, std::vector<OwnedReplica>* out);

}  // namespace presence::cluster
