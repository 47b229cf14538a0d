// Cluster mode, the replication records: take, export, apply, node liveness
// (pe_engine_take_replicas() ... pe_engine_node_seen()). A transport between
// nodes (Redis Streams, a message bus) is built on these.
#include <deque>
#include <string>
#include <vector>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "handle.h"
#include "result.h"

namespace presence::node {

namespace {

// A record as { sessionId, userId, nodeId, version, state, reconnecting,
// visible, connected, ended, since, lastSignalAt, lastActivityAt,
// heartbeatIntervalMs, meta, roomIds } (index.d.ts Replica).
Napi::Object ReplicaToJs(Napi::Env env, const pe_replica& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("sessionId", Napi::String::New(env, r.session_id, r.session_id_len));
  o.Set("userId", OptionalText(env, r.user_id, r.user_id_len));
  o.Set("nodeId", Napi::String::New(env, r.node_id, r.node_id_len));
  o.Set("version", Napi::Number::New(env, static_cast<double>(r.version)));
  o.Set("state", StateName(r.state));
  o.Set("reconnecting", Napi::Boolean::New(env, r.reconnecting != 0));
  o.Set("visible", Napi::Boolean::New(env, r.visible != 0));
  o.Set("connected", Napi::Boolean::New(env, r.connected != 0));
  o.Set("ended", Napi::Boolean::New(env, r.ended != 0));
  o.Set("since", Napi::Number::New(env, static_cast<double>(r.since_ms)));
  o.Set("lastSignalAt", Napi::Number::New(env, static_cast<double>(r.last_signal_at_ms)));
  o.Set("lastActivityAt", Napi::Number::New(env, static_cast<double>(r.last_activity_at_ms)));
  o.Set("heartbeatIntervalMs",
        Napi::Number::New(env, static_cast<double>(r.heartbeat_interval_ms)));
  o.Set("meta", OptionalText(env, r.meta, r.meta_len));
  Napi::Array rooms = Napi::Array::New(env, r.room_count);
  for (std::size_t i = 0; i < r.room_count; ++i) {
    rooms.Set(static_cast<uint32_t>(i), Napi::String::New(env, r.room_ids[i], r.room_id_lens[i]));
  }
  o.Set("roomIds", rooms);
  return o;
}

inline constexpr RecordKind<pe_replica> kReplicas{pe_result_replica_count, pe_replica_init,
                                                  pe_result_replica, ReplicaToJs};

// A record from JavaScript, with the texts it points to: they live in
// `texts` (a deque, so pointers stay valid as it grows) until the C call ends.
class RecordsIn {
 public:
  RecordsIn(Napi::Env env, Napi::Value value) {
    if (!value.IsArray()) ThrowInvalid(env, "records must be an array");
    Napi::Array array = value.As<Napi::Array>();
    records_.resize(array.Length());
    room_offsets_.resize(array.Length());
    for (uint32_t i = 0; i < array.Length(); ++i) Read(env, array.Get(i), i);
    // Room pointers are set once every room is stored: the vectors are full.
    for (std::size_t i = 0; i < records_.size(); ++i) {
      const auto [first, count] = room_offsets_[i];
      records_[i].room_ids = count == 0 ? nullptr : room_ptrs_.data() + first;
      records_[i].room_id_lens = count == 0 ? nullptr : room_lens_.data() + first;
      records_[i].room_count = count;
    }
  }

  const pe_replica* data() const { return records_.data(); }
  std::size_t size() const { return records_.size(); }

 private:
  void Read(Napi::Env env, Napi::Value value, uint32_t index) {
    const std::string at = "records[" + std::to_string(index) + "]";
    if (!value.IsObject() || value.IsArray()) ThrowInvalid(env, at + " must be an object");
    Napi::Object o = value.As<Napi::Object>();
    pe_replica& r = records_[index];
    pe_replica_init(&r);
    const auto text = [&](const char* field, bool optional, const char** data, size_t* size) {
      Napi::Value v = o.Get(field);
      if (optional && IsNullish(v, env)) return;
      const Utf8 converted(env, v, (at + "." + field).c_str());
      const std::string& stored = texts_.emplace_back(converted.data(), converted.size());
      *data = stored.data();
      *size = stored.size();
    };
    text("sessionId", false, &r.session_id, &r.session_id_len);
    text("userId", true, &r.user_id, &r.user_id_len);
    text("nodeId", false, &r.node_id, &r.node_id_len);
    text("meta", true, &r.meta, &r.meta_len);
    r.version = ReadCount(env, o.Get("version"), (at + ".version").c_str());
    Napi::Value state = o.Get("state");
    const int state_value =
        state.IsString() ? StateValue(state.As<Napi::String>().Utf8Value()) : -1;
    if (state_value < 0) {
      ThrowInvalid(env, at + ".state must be one of 'offline', 'stale', 'away', 'idle', 'active'");
    }
    r.state = static_cast<pe_state>(state_value);
    r.reconnecting = ReadFlag(env, o.Get("reconnecting"), (at + ".reconnecting").c_str());
    r.visible = ReadFlag(env, o.Get("visible"), (at + ".visible").c_str());
    r.connected = ReadFlag(env, o.Get("connected"), (at + ".connected").c_str());
    r.ended = ReadFlag(env, o.Get("ended"), (at + ".ended").c_str());
    r.since_ms = ReadTime(env, o.Get("since"), (at + ".since").c_str());
    r.last_signal_at_ms = ReadTime(env, o.Get("lastSignalAt"), (at + ".lastSignalAt").c_str());
    r.last_activity_at_ms =
        ReadTime(env, o.Get("lastActivityAt"), (at + ".lastActivityAt").c_str());
    r.heartbeat_interval_ms = static_cast<int64_t>(
        ReadCount(env, o.Get("heartbeatIntervalMs"), (at + ".heartbeatIntervalMs").c_str()));
    Napi::Value rooms = o.Get("roomIds");
    const std::size_t first = room_ptrs_.size();
    if (!IsNullish(rooms, env)) {
      if (!rooms.IsArray()) ThrowInvalid(env, at + ".roomIds must be an array of strings");
      Napi::Array list = rooms.As<Napi::Array>();
      for (uint32_t k = 0; k < list.Length(); ++k) {
        const Utf8 room(env, list.Get(k), (at + ".roomIds[" + std::to_string(k) + "]").c_str());
        const std::string& stored = texts_.emplace_back(room.data(), room.size());
        room_ptrs_.push_back(stored.data());
        room_lens_.push_back(stored.size());
      }
    }
    room_offsets_[index] = {first, room_ptrs_.size() - first};
  }

  std::vector<pe_replica> records_;
  std::deque<std::string> texts_;
  std::vector<const char*> room_ptrs_;
  std::vector<size_t> room_lens_;
  std::vector<std::pair<std::size_t, std::size_t>> room_offsets_;
};

// engineTakeReplicas(handle, maxRecords) -> Replica[]
Napi::Value EngineTakeReplicas(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t max = ReadCount(env, info[1], "maxRecords");
  pe_result* raw = nullptr;
  Check(env, pe_engine_take_replicas(engine.get(), static_cast<size_t>(max), &raw));
  return Records(env, Result(raw).get(), kReplicas);
}

// engineExportReplicas(handle, cursor, limit, now) -> { records, cursor (0: the last page) }
Napi::Value EngineExportReplicas(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t cursor = ReadCount(env, info[1], "cursor");
  const uint64_t limit = ReadCount(env, info[2], "limit");
  const int64_t now = ReadTime(env, info[3], "now");
  pe_result* raw = nullptr;
  Check(env,
        pe_engine_export_replicas(engine.get(), cursor, static_cast<size_t>(limit), now, &raw));
  const Result result(raw);
  Napi::Object out = Napi::Object::New(env);
  out.Set("records", Records(env, result.get(), kReplicas));
  out.Set("cursor", Seq(env, result.get()));
  return out;
}

// engineApplyReplicas(handle, records, now) -> { failed, statuses: Int32Array }
Napi::Value EngineApplyReplicas(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const RecordsIn records(env, info[1]);
  const int64_t now = ReadTime(env, info[2], "now");
  auto statuses = Napi::Int32Array::New(env, records.size());
  size_t failed = 0;
  Check(env, pe_engine_apply_replicas(engine.get(), records.data(), records.size(), now,
                                      reinterpret_cast<pe_status*>(statuses.Data()), &failed));
  Napi::Object out = Napi::Object::New(env);
  out.Set("failed", Napi::Number::New(env, static_cast<double>(failed)));
  out.Set("statuses", statuses);
  return out;
}

// engineNodeSeen(handle, nodeId, now): the node was seen at now
Napi::Value EngineNodeSeen(const Napi::CallbackInfo& info) {
  return IdSignal<pe_engine_node_seen>(info, "nodeId");
}

}  // namespace

void RegisterReplication(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"engineTakeReplicas", EngineTakeReplicas},
             {"engineExportReplicas", EngineExportReplicas},
             {"engineApplyReplicas", EngineApplyReplicas},
             {"engineNodeSeen", EngineNodeSeen},
         });
}

}  // namespace presence::node
