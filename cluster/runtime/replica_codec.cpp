#include "runtime/replica_codec.h"

#include <limits>

namespace presence::cluster {
namespace {

constexpr std::uint8_t kFormatVersion = 1;

enum Flag : std::uint8_t {
  kHasUser = 1U << 0U,
  kReconnecting = 1U << 1U,
  kVisible = 1U << 2U,
  kConnected = 1U << 3U,
  kEnded = 1U << 4U,
  kHasMeta = 1U << 5U,
};
constexpr std::uint8_t kKnownFlags = 0x3F;

void put_varint(std::uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7FU) | 0x80U));
    value >>= 7U;
  }
  out->push_back(static_cast<char>(value));
}

// Times are non-negative in practice; zigzag keeps a negative one exact.
void put_signed(std::int64_t value, std::string* out) {
  const auto bits = static_cast<std::uint64_t>(value);
  put_varint((bits << 1U) ^ (value < 0 ? ~std::uint64_t{0} : 0), out);
}

void put_text(const char* data, std::size_t size, std::string* out) {
  put_varint(size, out);
  if (size != 0) out->append(data, size);
}

// Reads from a span, refusing anything that would run past its end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool varint(std::uint64_t* out) {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) return false;
      const auto byte = static_cast<std::uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && byte > 1) return false;
      value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
      if ((byte & 0x80U) == 0) {
        *out = value;
        return true;
      }
    }
    return false;
  }

  bool signed_varint(std::int64_t* out) {
    std::uint64_t bits = 0;
    if (!varint(&bits)) return false;
    *out = static_cast<std::int64_t>((bits >> 1U) ^ (~(bits & 1U) + 1));
    return true;
  }

  bool byte(std::uint8_t* out) {
    if (rest_.empty()) return false;
    *out = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return true;
  }

  bool span(std::string_view* out) {
    std::uint64_t size = 0;
    if (!varint(&size) || size > rest_.size()) return false;
    *out = rest_.substr(0, static_cast<std::size_t>(size));
    rest_.remove_prefix(static_cast<std::size_t>(size));
    return true;
  }

  bool text(std::string* out) {
    std::string_view view;
    if (!span(&view)) return false;
    out->assign(view);
    return true;
  }

  bool done() const { return rest_.empty(); }
  std::size_t left() const { return rest_.size(); }

 private:
  std::string_view rest_;
};

}  // namespace

pe_replica OwnedReplica::view() {
  // Not pe_replica_init(): the runtime needs only the header, not the library.
  pe_replica r{};
  r.struct_size = sizeof(pe_replica);
  r.session_id = session_id.data();
  r.session_id_len = session_id.size();
  if (user_id) {
    r.user_id = user_id->data();
    r.user_id_len = user_id->size();
  }
  r.node_id = node_id.data();
  r.node_id_len = node_id.size();
  r.version = version;
  r.state = state;
  r.reconnecting = reconnecting ? 1 : 0;
  r.visible = visible ? 1 : 0;
  r.connected = connected ? 1 : 0;
  r.ended = ended ? 1 : 0;
  r.since_ms = since_ms;
  r.last_signal_at_ms = last_signal_at_ms;
  r.last_activity_at_ms = last_activity_at_ms;
  r.heartbeat_interval_ms = heartbeat_interval_ms;
  if (meta) {
    r.meta = meta->data();
    r.meta_len = meta->size();
  }
  room_ptrs.clear();
  room_lens.clear();
  for (const std::string& room : rooms) {
    room_ptrs.push_back(room.data());
    room_lens.push_back(room.size());
  }
  r.room_ids = room_ptrs.data();
  r.room_id_lens = room_lens.data();
  r.room_count = rooms.size();
  return r;
}

void encode_replica(const pe_replica& record, std::string* out) {
  out->push_back(static_cast<char>(kFormatVersion));
  std::uint8_t flags = 0;
  if (record.user_id != nullptr) flags |= kHasUser;
  if (record.reconnecting != 0) flags |= kReconnecting;
  if (record.visible != 0) flags |= kVisible;
  if (record.connected != 0) flags |= kConnected;
  if (record.ended != 0) flags |= kEnded;
  if (record.meta != nullptr) flags |= kHasMeta;
  out->push_back(static_cast<char>(flags));
  out->push_back(static_cast<char>(record.state));
  put_text(record.session_id, record.session_id_len, out);
  if (record.user_id != nullptr) put_text(record.user_id, record.user_id_len, out);
  put_text(record.node_id, record.node_id_len, out);
  put_varint(record.version, out);
  put_signed(record.since_ms, out);
  put_signed(record.last_signal_at_ms, out);
  put_signed(record.last_activity_at_ms, out);
  put_signed(record.heartbeat_interval_ms, out);
  if (record.meta != nullptr) put_text(record.meta, record.meta_len, out);
  put_varint(record.room_count, out);
  for (std::size_t i = 0; i < record.room_count; ++i) {
    put_text(record.room_ids[i], record.room_id_lens[i], out);
  }
}

bool decode_replica(std::string_view bytes, OwnedReplica* out) {
  Reader in(bytes);
  std::uint8_t version = 0;
  std::uint8_t flags = 0;
  std::uint8_t state = 0;
  if (!in.byte(&version) || version != kFormatVersion) return false;
  if (!in.byte(&flags) || (flags & ~kKnownFlags) != 0) return false;
  if (!in.byte(&state) || state > PE_STATE_ACTIVE) return false;
  out->state = static_cast<pe_state>(state);
  out->reconnecting = (flags & kReconnecting) != 0;
  out->visible = (flags & kVisible) != 0;
  out->connected = (flags & kConnected) != 0;
  out->ended = (flags & kEnded) != 0;
  if (!in.text(&out->session_id)) return false;
  out->user_id.reset();
  if ((flags & kHasUser) != 0 && !in.text(&out->user_id.emplace())) return false;
  if (!in.text(&out->node_id)) return false;
  if (!in.varint(&out->version)) return false;
  if (!in.signed_varint(&out->since_ms) || !in.signed_varint(&out->last_signal_at_ms) ||
      !in.signed_varint(&out->last_activity_at_ms) ||
      !in.signed_varint(&out->heartbeat_interval_ms)) {
    return false;
  }
  out->meta.reset();
  if ((flags & kHasMeta) != 0 && !in.text(&out->meta.emplace())) return false;
  std::uint64_t rooms = 0;
  // Each room takes at least its length byte: a larger count is a lie, and
  // would otherwise reserve memory for nothing.
  if (!in.varint(&rooms) || rooms > in.left()) return false;
  out->rooms.clear();
  out->rooms.reserve(static_cast<std::size_t>(rooms));
  for (std::uint64_t i = 0; i < rooms; ++i) {
    if (!in.text(&out->rooms.emplace_back())) return false;
  }
  return in.done();
}

void append_to_batch(const pe_replica& record, std::string* batch) {
  std::string encoded;
  encode_replica(record, &encoded);
  put_varint(encoded.size(), batch);
  batch->append(encoded);
}

bool decode_batch(std::string_view batch, std::vector<OwnedReplica>* out) {
  Reader in(batch);
  std::vector<OwnedReplica> records;
  while (!in.done()) {
    std::string_view one;
    if (!in.span(&one) || !decode_replica(one, &records.emplace_back())) return false;
  }
  out->insert(out->end(), std::make_move_iterator(records.begin()),
              std::make_move_iterator(records.end()));
  return true;
}

}  // namespace presence::cluster
