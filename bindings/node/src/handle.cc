#include "handle.h"

#include <algorithm>

#include "errors.h"
#include "reader.h"
#include "shared_engine.h"
#include "wake.h"

namespace presence::node {

namespace {

// Random, fixed forever: identifies handles made by this addon.
constexpr napi_type_tag kHandleTag = {0x8f1c2a6e5b7d4c39ULL, 0xa41e9d0273c85f16ULL};

}  // namespace

void Handle::AddReader(const std::shared_ptr<Reader>& reader) {
  readers.erase(std::remove_if(readers.begin(), readers.end(),
                               [](const std::weak_ptr<Reader>& r) { return r.expired(); }),
                readers.end());
  readers.push_back(reader);
}

void Handle::Close() {
  if (waker) {
    waker->Close();
    waker.reset();
  }
  for (const std::weak_ptr<Reader>& weak : readers) {
    if (std::shared_ptr<Reader> reader = weak.lock()) reader->Close(true);
  }
  readers.clear();
  for (int fd : event_fds) pe_engine_release_event_fd(engine->get(), fd);
  event_fds.clear();
  engine.reset();
}

Napi::Value NewHandle(Napi::Env env, std::shared_ptr<SharedEngine> engine) {
  auto* handle = new Handle{std::move(engine), nullptr, {}, {}};
  auto external = Napi::External<Handle>::New(env, handle, [](Napi::Env, Handle* h) { delete h; });
  external.TypeTag(&kHandleTag);
  return external;
}

void* UnwrapTagged(Napi::Env env, napi_value value, const napi_type_tag& tag,
                   const char* not_ours) {
  // Only externals can be ours; the type check also keeps
  // napi_check_object_type_tag() from throwing on undefined or null.
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  bool tagged = false;
  if (type == napi_external) napi_check_object_type_tag(env, value, &tag, &tagged);
  if (!tagged) ThrowInvalid(env, not_ours);
  void* data = nullptr;
  napi_get_value_external(env, value, &data);
  return data;
}

Handle& UnwrapHandle(Napi::Env env, napi_value value) {
  return *static_cast<Handle*>(
      UnwrapTagged(env, value, kHandleTag, "not a presence engine handle"));
}

Handle& OpenHandle(Napi::Env env, napi_value value) {
  Handle& handle = UnwrapHandle(env, value);
  if (!handle.engine) Throw(env, PE_CLOSED, "the engine is closed");
  return handle;
}

EngineCall::EngineCall(Napi::Env env, napi_value value)
    : engine_(OpenHandle(env, value).engine->get()) {}

}  // namespace presence::node
