// Cluster mode through the C ABI: taking, exporting and applying replication
// records, and node liveness.
#include "c_boundary.h"
#include "c_enums.h"

using presence::capi::bad_text;
using presence::capi::fail;
using presence::capi::guarded;
using presence::capi::null_argument;
using presence::capi::read_into_result;
using presence::capi::text_arg;
using presence::capi::with_engine;
using presence::core::Engine;
using presence::core::Replica;
using presence::core::Status;

namespace {

constexpr std::size_t kReplicaAbi1Size = sizeof(pe_replica);

// A C record into a core one; texts are copied.
pe_status from_c(const pe_replica& in, Replica* out) {
  std::string_view text;
  auto required = [&](const char* data, size_t size, const char* name, std::string* into) {
    if (!text_arg(data, size, &text)) {
      return bad_text(name);
    }
    into->assign(text);
    return PE_OK;
  };
  auto optional = [&](const char* data, size_t size, const char* name,
                      std::optional<std::string>* into) {
    if (data == nullptr) {
      if (size != 0) {
        return bad_text(name);
      }
      into->reset();
      return PE_OK;
    }
    into->emplace(data, size);
    return PE_OK;
  };
  pe_status status = required(in.session_id, in.session_id_len, "session_id", &out->session_id);
  if (status == PE_OK) status = required(in.node_id, in.node_id_len, "node_id", &out->node_id);
  if (status == PE_OK) status = optional(in.user_id, in.user_id_len, "user_id", &out->user_id);
  if (status == PE_OK) status = optional(in.meta, in.meta_len, "meta", &out->meta);
  if (status != PE_OK) return status;
  if (!presence::capi::from_c(in.state, &out->state)) {
    return fail(PE_INVALID_ARGUMENT, "state is not a pe_state value");
  }
  if (in.room_count != 0 && (in.room_ids == nullptr || in.room_id_lens == nullptr)) {
    return fail(PE_INVALID_ARGUMENT, "room_ids and room_id_lens are NULL but room_count is not 0");
  }
  out->rooms.clear();
  for (size_t i = 0; i < in.room_count; ++i) {
    if (!text_arg(in.room_ids[i], in.room_id_lens[i], &text)) {
      return fail(PE_INVALID_ARGUMENT, "room_ids[i] is NULL but its length is not 0");
    }
    out->rooms.emplace_back(text);
  }
  out->version = in.version;
  out->reconnecting = in.reconnecting != 0;
  out->visible = in.visible != 0;
  out->connected = in.connected != 0;
  out->ended = in.ended != 0;
  out->since = in.since_ms;
  out->last_signal_at = in.last_signal_at_ms;
  out->last_activity_at = in.last_activity_at_ms;
  out->heartbeat_interval = in.heartbeat_interval_ms;
  return PE_OK;
}

}  // namespace

extern "C" {

PE_API void pe_replica_init(pe_replica* out) {
  if (out == nullptr) return;
  *out = pe_replica{};
  out->struct_size = sizeof(pe_replica);
}

PE_API pe_status pe_engine_take_replicas(pe_engine* engine, size_t max_records, pe_result** out) {
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.take_replicas(max_records, &r.replicas));
    r.index_replica_rooms();
    return Status::ok();
  });
}

PE_API pe_status pe_engine_export_replicas(pe_engine* engine, uint64_t cursor, size_t limit,
                                           int64_t now_ms, pe_result** out) {
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.export_replicas(cursor, limit, now_ms, &r.replicas, &r.seq));
    r.index_replica_rooms();
    return Status::ok();
  });
}

PE_API pe_status pe_engine_apply_replicas(pe_engine* engine, const pe_replica* records,
                                          size_t count, int64_t now_ms, pe_status* out_statuses,
                                          size_t* out_failed) {
  if (records == nullptr && count != 0) return null_argument("records");
  return guarded([&]() -> pe_status {
    // Records the C layer refuses (size, NULL texts, enums) fail alone.
    std::vector<Replica> converted(count);
    std::vector<pe_status> statuses(count, PE_OK);
    for (size_t i = 0; i < count; ++i) {
      if (records[i].struct_size < kReplicaAbi1Size) {
        statuses[i] = fail(PE_INVALID_ARGUMENT, "records[i].struct_size is too small");
      } else {
        statuses[i] = from_c(records[i], &converted[i]);
      }
    }
    std::string last_error;
    const pe_status status = with_engine(engine, [&](Engine& e) {
      for (size_t i = 0; i < count; ++i) {
        if (statuses[i] != PE_OK) continue;
        const Status applied = e.apply_replica(converted[i], now_ms);
        if (!applied.is_ok()) {
          statuses[i] = static_cast<pe_status>(applied.code());
          last_error = applied.message();
        }
      }
      return Status::ok();
    });
    if (status != PE_OK) return status;
    size_t failed = 0;
    for (size_t i = 0; i < count; ++i) {
      if (statuses[i] != PE_OK) ++failed;
      if (out_statuses != nullptr) out_statuses[i] = statuses[i];
    }
    if (!last_error.empty()) fail(PE_OK, last_error);
    if (out_failed != nullptr) *out_failed = failed;
    return PE_OK;
  });
}

PE_API pe_status pe_engine_node_seen(pe_engine* engine, const char* node_id, size_t node_id_len,
                                     int64_t seen_at_ms) {
  std::string_view node;
  if (!text_arg(node_id, node_id_len, &node)) {
    return bad_text("node_id");
  }
  return with_engine(engine, [&](Engine& e) { return e.node_seen(node, seen_at_ms); });
}

PE_API size_t pe_result_replica_count(const pe_result* result) {
  return result == nullptr ? 0 : result->replicas.size();
}

PE_API pe_status pe_result_replica(const pe_result* result, size_t index, pe_replica* out) {
  if (result == nullptr) return fail(PE_INVALID_ARGUMENT, "result is NULL");
  if (index >= result->replicas.size()) {
    return fail(PE_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range");
  }
  const Replica& r = result->replicas[index];
  const pe_result::RoomArrays& rooms = result->replica_rooms[index];
  pe_replica record{};
  record.struct_size = sizeof(pe_replica);
  record.session_id = r.session_id.c_str();
  record.session_id_len = r.session_id.size();
  if (r.user_id) {
    record.user_id = r.user_id->c_str();
    record.user_id_len = r.user_id->size();
  }
  record.node_id = r.node_id.c_str();
  record.node_id_len = r.node_id.size();
  record.version = r.version;
  record.state = static_cast<pe_state>(r.state);
  record.reconnecting = r.reconnecting ? 1 : 0;
  record.visible = r.visible ? 1 : 0;
  record.connected = r.connected ? 1 : 0;
  record.ended = r.ended ? 1 : 0;
  record.since_ms = r.since;
  record.last_signal_at_ms = r.last_signal_at;
  record.last_activity_at_ms = r.last_activity_at;
  record.heartbeat_interval_ms = r.heartbeat_interval;
  if (r.meta) {
    record.meta = r.meta->c_str();
    record.meta_len = r.meta->size();
  }
  record.room_ids = rooms.ids.data();
  record.room_id_lens = rooms.lens.data();
  record.room_count = rooms.ids.size();
  return presence::capi::write_record(record, out, kReplicaAbi1Size, "out");
}

}  // extern "C"
