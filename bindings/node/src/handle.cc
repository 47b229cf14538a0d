#include "handle.h"

#include "errors.h"
#include "shared_engine.h"
#include "wake.h"

namespace presence::node {

namespace {

// Random, fixed forever: identifies handles made by this addon.
constexpr napi_type_tag kHandleTag = {0x8f1c2a6e5b7d4c39ULL, 0xa41e9d0273c85f16ULL};

}  // namespace

void Handle::Close() {
  if (waker) {
    waker->Close();
    waker.reset();
  }
  engine.reset();
}

Napi::Value NewHandle(Napi::Env env, std::shared_ptr<SharedEngine> engine) {
  auto* handle = new Handle{std::move(engine), nullptr};
  auto external = Napi::External<Handle>::New(env, handle, [](Napi::Env, Handle* h) { delete h; });
  external.TypeTag(&kHandleTag);
  return external;
}

Handle& UnwrapHandle(Napi::Env env, napi_value value) {
  // Only externals can be ours; the type check also keeps
  // napi_check_object_type_tag() from throwing on undefined or null.
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  bool tagged = false;
  if (type == napi_external) napi_check_object_type_tag(env, value, &kHandleTag, &tagged);
  if (!tagged) ThrowInvalid(env, "not a presence engine handle");
  void* data = nullptr;
  napi_get_value_external(env, value, &data);
  return *static_cast<Handle*>(data);
}

Handle& OpenHandle(Napi::Env env, napi_value value) {
  Handle& handle = UnwrapHandle(env, value);
  if (!handle.engine) Throw(env, PE_CLOSED, "the engine is closed");
  return handle;
}

EngineCall::EngineCall(Napi::Env env, napi_value value)
    : engine_(OpenHandle(env, value).engine->get()) {}

}  // namespace presence::node
