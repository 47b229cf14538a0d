// Module registration. Checks, once per load, that the C library compiled in
// speaks the ABI this binding was written against.
#include <string>

#include "api.h"
#include "errors.h"

namespace presence::node {

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  if (pe_abi_version() != PE_ABI_VERSION) {
    Throw(env, PE_UNSUPPORTED,
          "presence-engine: the native library has ABI " + std::to_string(pe_abi_version()) +
              " but the binding was built for ABI " + std::to_string(PE_ABI_VERSION));
  }
  RegisterLifetime(env, exports);
  RegisterSignals(env, exports);
  RegisterReads(env, exports);
  RegisterRooms(env, exports);
  RegisterCoordination(env, exports);
  RegisterReaders(env, exports);
  return exports;
}

}  // namespace

}  // namespace presence::node

// NODE_API_MODULE wants an unqualified name.
static Napi::Object InitPresence(Napi::Env env, Napi::Object exports) {
  return presence::node::Init(env, exports);
}

NODE_API_MODULE(presence, InitPresence)
