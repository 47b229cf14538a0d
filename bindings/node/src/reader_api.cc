// Scoped readers: pe_reader_* (redacted reads of the engine or of one room).
#include <optional>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "event_columns.h"
#include "handle.h"
#include "reader.h"
#include "result.h"
#include "shared_engine.h"

namespace presence::node {

namespace {

// Random, fixed forever: identifies readers made by this addon (distinct
// from the engine handle's tag, so one is never taken for the other).
constexpr napi_type_tag kReaderTag = {0x3b9e61d2c07a4f85ULL, 0xd5287c4e1a9b6f03ULL};

// readerCreate(handle, roomId?) -> reader
Napi::Value ReaderCreate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Handle& handle = OpenHandle(env, info[0]);
  std::optional<Utf8> room;
  if (!IsNullish(info[1], env)) room.emplace(env, info[1], "roomId");
  // An empty room id would silently mean "the whole engine" to the C call.
  if (room && room->size() == 0) ThrowInvalid(env, "roomId is empty");
  pe_reader* raw = nullptr;
  Check(env, pe_reader_create(handle.engine->get(), room ? room->data() : nullptr,
                              room ? room->size() : 0, &raw));
  auto reader = std::make_shared<Reader>(handle.engine, raw, room.has_value());
  handle.AddReader(reader);
  return NewReader(env, reader);
}

// readerClose(reader): idempotent.
Napi::Value ReaderClose(const Napi::CallbackInfo& info) {
  UnwrapReader(info.Env(), info[0]).Close(false);
  return info.Env().Undefined();
}

// readerIsClosed(reader) -> boolean
Napi::Value ReaderIsClosed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), UnwrapReader(info.Env(), info[0]).closed());
}

// readerCounts(reader, now) -> counts
Napi::Value ReaderCounts(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_reader* reader = UnwrapReader(env, info[0]).Open(env);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_counts counts;
  pe_counts_init(&counts);
  Check(env, pe_reader_counts(reader, now, &counts));
  return CountsToJs(env, counts);
}

// readerListUsers(reader, minState, cursor?, limit, now) -> { users | members, cursor, seq }:
// users for a reader of the whole engine, members for a reader of a room.
Napi::Value ReaderListUsers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Reader& reader = UnwrapReader(env, info[0]);
  pe_reader* open = reader.Open(env);
  const pe_state min_state = MinState(info, 1);
  const PageArgs page(info, 2);
  pe_result* raw = nullptr;
  Check(env, pe_reader_list_users(open, min_state, page.cursor_data(), page.cursor_size(),
                                  page.limit, page.now, &raw));
  const Result result(raw);
  if (reader.room_scoped()) return Page(env, result.get(), "members", kMembers);
  return Page(env, result.get(), "users", kShownUsers);
}

// readerGetUser(reader, userId, now) -> { user, sessions, seq }
Napi::Value ReaderGetUser(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_reader* reader = UnwrapReader(env, info[0]).Open(env);
  const Utf8 id(env, info[1], "userId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_reader_get_user(reader, id.data(), id.size(), now, &raw));
  return UserDetail(env, Result(raw).get(), kShownUsers, kShownSessions);
}

// readerSnapshot(reader, now) -> { seq, users, sessions }
Napi::Value ReaderSnapshot(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_reader* reader = UnwrapReader(env, info[0]).Open(env);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_result* raw = nullptr;
  Check(env, pe_reader_snapshot(reader, now, &raw));
  return SnapshotView(env, Result(raw).get(), kShownUsers, kShownSessions);
}

// readerPollEvents(reader, afterSeq, maxEvents) -> event columns (lib/events.js)
Napi::Value ReaderPollEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_reader* reader = UnwrapReader(env, info[0]).Open(env);
  const uint64_t after = ReadCount(env, info[1], "afterSeq");
  const uint64_t max = ReadCount(env, info[2], "maxEvents");
  pe_result* raw = nullptr;
  Check(env, pe_reader_poll_events(reader, after, static_cast<size_t>(max), &raw));
  return EventColumns(env, Result(raw).get());
}

}  // namespace

void Reader::Close(bool by_engine) {
  if (reader_ == nullptr) return;
  pe_reader_destroy(reader_);
  reader_ = nullptr;
  closed_by_engine_ = by_engine;
  engine_.reset();
}

pe_reader* Reader::Open(Napi::Env env) const {
  if (reader_ == nullptr) {
    Throw(env, PE_CLOSED,
          closed_by_engine_ ? "the reader's engine is closed" : "the reader is closed");
  }
  return reader_;
}

Napi::Value NewReader(Napi::Env env, const std::shared_ptr<Reader>& reader) {
  using Owner = std::shared_ptr<Reader>;
  auto external = Napi::External<Owner>::New(env, new Owner(reader),
                                             [](Napi::Env, Owner* owner) { delete owner; });
  external.TypeTag(&kReaderTag);
  return external;
}

Reader& UnwrapReader(Napi::Env env, napi_value value) {
  return **static_cast<std::shared_ptr<Reader>*>(
      UnwrapTagged(env, value, kReaderTag, "not a presence reader"));
}

void RegisterReaders(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"readerCreate", ReaderCreate},
             {"readerClose", ReaderClose},
             {"readerIsClosed", ReaderIsClosed},
             {"readerCounts", ReaderCounts},
             {"readerListUsers", ReaderListUsers},
             {"readerGetUser", ReaderGetUser},
             {"readerSnapshot", ReaderSnapshot},
             {"readerPollEvents", ReaderPollEvents},
         });
}

}  // namespace presence::node
