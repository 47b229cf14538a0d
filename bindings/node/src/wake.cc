#include "wake.h"

#include "shared_engine.h"

namespace presence::node {

std::shared_ptr<Waker> Waker::Subscribe(Napi::Env env, const std::shared_ptr<SharedEngine>& engine,
                                        Napi::Function callback) {
  std::shared_ptr<Waker> waker(new Waker(engine));
  // The context keeps the waker alive until the function is finalized.
  auto* context = new std::shared_ptr<Waker>(waker);
  waker->tsfn_ = Napi::ThreadSafeFunction::New(
      env, callback, "presence-engine events", 0, 1, context,
      [](Napi::Env, void*, std::shared_ptr<Waker>* self) {
        (*self)->Finalized();
        delete self;
      },
      static_cast<void*>(nullptr));
  engine->AddWaker(waker);
  return waker;
}

void Waker::Wake() {
  if (pending_.exchange(true)) return;  // one queued call reads everything
  const napi_status status = tsfn_.NonBlockingCall([this](Napi::Env env, Napi::Function js) {
    pending_.store(false);
    // The raw call, not js.Call(): that throws a C++ exception when the
    // callback throws or the environment is terminating, and nothing could
    // catch it here. A JavaScript exception stays pending, and Node reports
    // it as uncaught, as for any event listener.
    napi_value undefined = nullptr;
    napi_get_undefined(env, &undefined);
    napi_call_function(env, undefined, js, 0, nullptr, nullptr);
  });
  // napi_closing: the environment is ending; the finalizer removes us.
  if (status != napi_ok) pending_.store(false);
}

void Waker::Close() {
  if (released_) return;
  released_ = true;
  if (auto engine = engine_.lock()) engine->RemoveWaker(this);
  tsfn_.Release();
}

void Waker::Ref(Napi::Env env) {
  if (!released_) tsfn_.Ref(env);
}

void Waker::Unref(Napi::Env env) {
  if (!released_) tsfn_.Unref(env);
}

void Waker::Finalized() {
  // Reached after Close(), or when the environment ends without it.
  released_ = true;
  if (auto engine = engine_.lock()) engine->RemoveWaker(this);
}

}  // namespace presence::node
