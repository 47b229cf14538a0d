// How C statuses become JavaScript exceptions.
//
// lib/errors.js defines one Error subclass per pe_status and hands the
// constructors to the addon once per environment (registerErrorClasses), so
// a failing call throws the right subclass directly: no JavaScript wrapper
// has to catch and convert on the hot path.
#pragma once

#include <napi.h>

#include <string>

#include "presence/presence.h"

namespace presence::node {

// Throws the error class registered for `status` (a plain Error carrying
// `code` and `status` if none was registered).
[[noreturn]] void Throw(Napi::Env env, pe_status status, const std::string& message);

// Throws unless `status` is PE_OK, with pe_last_error_message() of this thread.
inline void Check(Napi::Env env, pe_status status) {
  if (status != PE_OK) Throw(env, status, pe_last_error_message());
}

// A bad argument detected by the binding before any C call.
[[noreturn]] inline void ThrowInvalid(Napi::Env env, const std::string& message) {
  Throw(env, PE_INVALID_ARGUMENT, message);
}

// registerErrorClasses(classes: Function[]): index i is the class for status i.
Napi::Value RegisterErrorClasses(const Napi::CallbackInfo& info);

}  // namespace presence::node
