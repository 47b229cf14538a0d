#include "shared_engine.h"

#include <algorithm>
#include <unordered_map>

#include "wake.h"

namespace presence::node {

namespace {

// Process-wide: every environment (main thread and workers) sees the same
// registry because the addon is loaded once per process. Never freed, so no
// static destructor runs while a worker might still look something up.
struct Registry {
  std::mutex mutex;
  uint64_t next_token = 1;
  std::unordered_map<uint64_t, std::weak_ptr<SharedEngine>> engines;
};

Registry& TheRegistry() {
  static auto* registry = new Registry();
  return *registry;
}

}  // namespace

pe_status SharedEngine::Create(const pe_config* config, std::shared_ptr<SharedEngine>* out) {
  pe_engine* engine = nullptr;
  const pe_status status = pe_engine_create(config, &engine);
  if (status != PE_OK) return status;
  *out = Adopt(engine);
  return PE_OK;
}

std::shared_ptr<SharedEngine> SharedEngine::Adopt(pe_engine* engine) {
  Registry& registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::shared_ptr<SharedEngine> shared(new SharedEngine(engine, registry.next_token++));
  registry.engines.emplace(shared->token_, shared);
  // The payload is this object, which outlives the C engine (see the header).
  pe_engine_set_event_callback(engine, &SharedEngine::OnEvents, shared.get());
  return shared;
}

std::shared_ptr<SharedEngine> SharedEngine::Attach(uint64_t token) {
  Registry& registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.engines.find(token);
  return it == registry.engines.end() ? nullptr : it->second.lock();
}

SharedEngine::~SharedEngine() {
  {
    Registry& registry = TheRegistry();
    std::lock_guard<std::mutex> lock(registry.mutex);
    registry.engines.erase(token_);
  }
  // No thread holds a reference any more, so no call from JavaScript is
  // running; pe_engine_destroy() stops the ticker and waits for a callback
  // it may still be running.
  pe_engine_destroy(engine_);
}

void SharedEngine::AddWaker(const std::shared_ptr<Waker>& waker) {
  std::lock_guard<std::mutex> lock(wakers_mutex_);
  wakers_.push_back(waker);
}

void SharedEngine::RemoveWaker(const Waker* waker) {
  std::lock_guard<std::mutex> lock(wakers_mutex_);
  wakers_.erase(std::remove_if(wakers_.begin(), wakers_.end(),
                               [waker](const auto& w) { return w.get() == waker; }),
                wakers_.end());
}

void SharedEngine::OnEvents(void* payload, uint64_t /*last_seq*/) {
  auto* self = static_cast<SharedEngine*>(payload);
  std::lock_guard<std::mutex> lock(self->wakers_mutex_);
  for (const auto& waker : self->wakers_) waker->Wake();
}

}  // namespace presence::node
