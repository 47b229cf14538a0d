// Rooms: join, leave, count-only mode, one room, the list of rooms, a room's
// members, a user's rooms, a room's metrics.

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "handle.h"
#include "result.h"

namespace presence::node {

namespace {

// A session and a room: roomJoin/roomLeave(handle, sessionId, roomId, now).
template <pe_status (*Call)(pe_engine*, const char*, size_t, const char*, size_t, int64_t)>
Napi::Value SessionInRoom(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 session(env, info[1], "sessionId");
  const Utf8 room(env, info[2], "roomId");
  const int64_t now = ReadTime(env, info[3], "now");
  Check(env, Call(engine.get(), session.data(), session.size(), room.data(), room.size(), now));
  return env.Undefined();
}

// roomSetCountOnly(handle, roomId, countOnly, intervalMs, now)
Napi::Value RoomSetCountOnly(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 room(env, info[1], "roomId");
  const bool count_only = ReadFlag(env, info[2], "countOnly");
  const uint64_t interval = ReadCount(env, info[3], "intervalMs");
  const int64_t now = ReadTime(env, info[4], "now");
  Check(env, pe_room_set_count_only(engine.get(), room.data(), room.size(), count_only ? 1 : 0,
                                    static_cast<int64_t>(interval), now));
  return env.Undefined();
}

// engineGetRoom(handle, roomId, now) -> room
Napi::Value EngineGetRoom(const Napi::CallbackInfo& info) {
  const Result result = ReadById(info, pe_engine_get_room, "roomId");
  return Records(info.Env(), result.get(), kRooms).Get(0u);
}

// engineListRooms(handle, cursor?, limit, now) -> { rooms, cursor, seq }
Napi::Value EngineListRooms(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const PageArgs page(info, 1);
  pe_result* raw = nullptr;
  Check(env, pe_engine_list_rooms(engine.get(), page.cursor_data(), page.cursor_size(), page.limit,
                                  page.now, &raw));
  return Page(env, Result(raw).get(), "rooms", kRooms);
}

// roomListMembers(handle, roomId, minState, cursor?, limit, now) -> { members, cursor, seq }
Napi::Value RoomListMembers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 room(env, info[1], "roomId");
  const pe_state min_state = MinState(info, 2);
  const PageArgs page(info, 3);
  pe_result* raw = nullptr;
  Check(env,
        pe_room_list_members(engine.get(), room.data(), room.size(), min_state, page.cursor_data(),
                             page.cursor_size(), page.limit, page.now, &raw));
  return Page(env, Result(raw).get(), "members", kMembers);
}

// userListRooms(handle, userId, now) -> rooms
Napi::Value UserListRooms(const Napi::CallbackInfo& info) {
  const Result result = ReadById(info, pe_user_list_rooms, "userId");
  return Records(info.Env(), result.get(), kRooms);
}

// roomGetMetrics(handle, roomId, now) -> metrics
Napi::Value RoomGetMetrics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Result result = ReadById(info, pe_room_get_metrics, "roomId");
  pe_room_metrics metrics;
  pe_room_metrics_init(&metrics);
  Check(env, pe_result_room_metrics(result.get(), &metrics));
  return RoomMetricsToJs(env, metrics);
}

}  // namespace

void RegisterRooms(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"roomJoin", SessionInRoom<pe_room_join>},
             {"roomLeave", SessionInRoom<pe_room_leave>},
             {"roomSetCountOnly", RoomSetCountOnly},
             {"engineGetRoom", EngineGetRoom},
             {"engineListRooms", EngineListRooms},
             {"roomListMembers", RoomListMembers},
             {"userListRooms", UserListRooms},
             {"roomGetMetrics", RoomGetMetrics},
         });
}

}  // namespace presence::node
