// Status names and the thread-local last error.
#include "c_boundary.h"

namespace {

thread_local std::string t_last_error;

}  // namespace

namespace presence::capi {

pe_status fail(pe_status status, std::string message) {
  try {
    t_last_error = std::move(message);
  } catch (...) {
    t_last_error.clear();  // no memory for the message: the status still tells
  }
  return status;
}

pe_status fail(const Status& status) {
  return fail(static_cast<pe_status>(status.code()), status.message());
}

}  // namespace presence::capi

extern "C" {

PE_API const char* pe_last_error_message(void) {
  return t_last_error.c_str();
}

PE_API const char* pe_status_name(pe_status status) {
  switch (status) {
    case PE_OK: return "OK";
    case PE_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case PE_NOT_FOUND: return "NOT_FOUND";
    case PE_CONFLICT: return "CONFLICT";
    case PE_LIMIT_EXCEEDED: return "LIMIT_EXCEEDED";
    case PE_TOO_FAR_BEHIND: return "TOO_FAR_BEHIND";
    case PE_CLOSED: return "CLOSED";
    case PE_OUT_OF_MEMORY: return "OUT_OF_MEMORY";
    case PE_UNSUPPORTED: return "UNSUPPORTED";
    case PE_INTERNAL: return "INTERNAL";
    case PE_DENIED: return "DENIED";
    case PE_IO_ERROR: return "IO_ERROR";
    case PE_CORRUPT: return "CORRUPT";
  }
  return "UNKNOWN";
}

PE_API const char* pe_state_name(pe_state state) {
  if (static_cast<int>(state) < 0 || static_cast<int>(state) >= PE_STATE_COUNT) return "unknown";
  return presence::core::state_name(static_cast<presence::core::State>(state));
}

PE_API const char* pe_version_string(void) {
  return PE_VERSION_STRING;
}

PE_API uint32_t pe_version_number(void) {
  return PE_VERSION_NUMBER;
}

PE_API uint32_t pe_abi_version(void) {
  return PE_ABI_VERSION;
}

}  // extern "C"
