// The addon's exports, one JavaScript function per C entry point (plus the
// binding's own needs: sharing across workers and event wake-ups). Each
// file registers its group; lib/ builds the friendly API on top.
#pragma once

#include <napi.h>

#include <initializer_list>

namespace presence::node {

// One exported function.
struct Export {
  const char* name;
  Napi::Value (*function)(const Napi::CallbackInfo&);
};

inline void Define(Napi::Env env, Napi::Object exports, std::initializer_list<Export> functions) {
  for (const Export& e : functions)
    exports.Set(e.name, Napi::Function::New(env, e.function, e.name));
}

// Versions, names, configuration, engine lifetime, time, ticker, wake-ups,
// statistics (lifetime_api.cc).
void RegisterLifetime(Napi::Env env, Napi::Object exports);
// open, heartbeat (single and batch), activity, visibility, disconnect,
// transport disconnect, leave, identify (signals_api.cc).
void RegisterSignals(Napi::Env env, Napi::Object exports);
// counts, totals, users, sessions, snapshot, events (reads_api.cc).
void RegisterReads(Napi::Env env, Napi::Object exports);
// join, leave, count-only mode, rooms, members, a user's rooms, room
// metrics (rooms_api.cc).
void RegisterRooms(Napi::Env env, Napi::Object exports);
// availability, readiness, intents, subscriptions, fan-out, Prometheus
// text (coordination_api.cc).
void RegisterCoordination(Napi::Env env, Napi::Object exports);
// Scoped readers: create, close, counts, users or members, one user,
// snapshot, events (reader_api.cc).
void RegisterReaders(Napi::Env env, Napi::Object exports);

}  // namespace presence::node
