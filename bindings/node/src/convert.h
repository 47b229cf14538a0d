// Arguments in (JavaScript -> C) and records out (C -> JavaScript).
//
// Every reader validates its value and throws InvalidArgumentError (through
// errors.h) with the argument's name, so no malformed value reaches the C ABI
// and nothing is silently coerced.
#pragma once

#include <napi.h>

#include <array>
#include <cstdint>
#include <string>

#include "presence/presence.h"

namespace presence::node {

// A JavaScript string as UTF-8, for the duration of one call.
//
// Node-API replaces lone UTF-16 surrogates with U+FFFD when it converts to
// UTF-8, which would silently turn two different ids into one. We convert
// with the fast UTF-8 path and, only when the output holds U+FFFD, re-read
// the UTF-16 to tell a genuine U+FFFD from a replaced surrogate.
class Utf8 {
 public:
  Utf8(Napi::Env env, napi_value value, const char* name);
  Utf8(const Utf8&) = delete;
  Utf8& operator=(const Utf8&) = delete;

  const char* data() const { return heap_.empty() ? inline_.data() : heap_.data(); }
  std::size_t size() const { return size_; }

 private:
  std::array<char, 128> inline_;  // ids are short: most calls never allocate
  std::string heap_;
  std::size_t size_ = 0;
};

// Throws unless the string's UTF-16 is well formed (no lone surrogate).
void CheckWellFormed(Napi::Env env, napi_value value, const char* name);

// `now` arguments: undefined means PE_NOW (the engine's clock); otherwise a
// non-negative integer number of milliseconds. -1 must not slip through as
// PE_NOW, so every negative value is rejected here.
int64_t ReadTime(Napi::Env env, napi_value value, const char* name);

// A non-negative safe integer (counts, limits, sequence numbers).
uint64_t ReadCount(Napi::Env env, napi_value value, const char* name);

// A boolean; anything else throws (no truthiness).
bool ReadFlag(Napi::Env env, napi_value value, const char* name);

// A C enum value passed as a number by lib/ (which maps names to numbers).
int32_t ReadEnum(Napi::Env env, napi_value value, const char* name);

bool IsNullish(napi_value value, Napi::Env env);

// { state: [...], availability: [...], ... }: per C enum, its JavaScript
// names by C value (null where no value is defined): the names of
// index.d.ts, used by the records below and, through lib/enums.js, by the
// JavaScript API, so each name is written once, in convert.cc.
Napi::Object EnumNames(Napi::Env env);

// Records, as plain objects with the camelCase names of index.d.ts.
Napi::Object SessionToJs(Napi::Env env, const pe_session_info& s);
Napi::Object UserToJs(Napi::Env env, const pe_user_info& u);
// What a scoped reader shows (index.d.ts ShownSession, ShownUser): without
// the true_* fields, which a redacted C result only repeats, and without the
// session's transport id, which is the server's business, not its readers'.
Napi::Object ShownSessionToJs(Napi::Env env, const pe_session_info& s);
Napi::Object ShownUserToJs(Napi::Env env, const pe_user_info& u);
Napi::Object CountsToJs(Napi::Env env, const pe_counts& c);
Napi::Object StatsToJs(Napi::Env env, const pe_stats& s);
Napi::Object RoomToJs(Napi::Env env, const pe_room_info& r);
Napi::Object MemberToJs(Napi::Env env, const pe_member_info& m);
Napi::Object IntentToJs(Napi::Env env, const pe_intent_info& i);
Napi::Object RoomMetricsToJs(Napi::Env env, const pe_room_metrics& m);
Napi::Object ReadinessToJs(Napi::Env env, const pe_readiness& r);

// Text from a record: null when the C pointer is NULL.
Napi::Value OptionalText(Napi::Env env, const char* data, std::size_t size);

}  // namespace presence::node
