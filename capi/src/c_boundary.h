// What every C entry point shares: the engine handle, the thread-local error,
// the guard that keeps C++ exceptions from crossing the boundary, and the
// struct_size rules for records.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "presence/presence.h"
#include "util/status.h"
#include "wake/event_waker.h"
#include "wake/ticker.h"

struct pe_engine {
  std::mutex mutex;
  std::unique_ptr<presence::core::Engine> engine;  // null once closed
  pe_event_callback callback = nullptr;
  void* callback_payload = nullptr;
  // Callbacks running now (guarded by `mutex`), so that replacing the
  // callback can wait until the old one is no longer running.
  int callbacks_running = 0;
  std::condition_variable callbacks_done;
  // Callers waiting for `mutex`: the ticker lets them in between its slices.
  std::atomic<int> waiting{0};
  presence::capi::EventWaker waker;
  // Declared last: destroyed (stopped and joined) first.
  presence::capi::Ticker ticker;
};

struct pe_result {
  std::uint64_t seq = 0;
  std::string cursor;
  std::vector<presence::core::UserView> users;
  std::vector<presence::core::SessionView> sessions;
  std::vector<presence::core::EventRecord> events;
  std::vector<presence::core::RoomView> rooms;
  std::vector<presence::core::MemberView> members;
  std::vector<presence::core::IntentView> intents;
  std::vector<presence::core::Delivery> deliveries;
  std::optional<presence::core::RoomMetricsView> metrics;
  std::string text;
  std::vector<presence::core::Replica> replicas;
  // Per replica, the room id pointers and lengths pe_result_replica() lends.
  struct RoomArrays {
    std::vector<const char*> ids;
    std::vector<size_t> lens;
  };
  std::vector<RoomArrays> replica_rooms;
  // Read through a pe_reader: the true_* fields repeat the shown values.
  bool redacted = false;

  void index_replica_rooms() {
    replica_rooms.resize(replicas.size());
    for (size_t i = 0; i < replicas.size(); ++i) {
      for (const std::string& room : replicas[i].rooms) {
        replica_rooms[i].ids.push_back(room.c_str());
        replica_rooms[i].lens.push_back(room.size());
      }
    }
  }
};

namespace presence::capi {

using core::Status;

// Records the message for pe_last_error_message() and returns `status`.
pe_status fail(pe_status status, std::string message);
pe_status fail(const Status& status);

inline pe_status to_c(const Status& status) {
  return status.is_ok() ? PE_OK : fail(status);
}

// Runs `body` (returning pe_status), turning any exception into a status.
template <class Body>
pe_status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(PE_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(PE_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(PE_INTERNAL, "internal error: unknown exception");
  }
}

// True on a thread that is running an event callback.
bool in_event_callback();

// Calls the callback outside the engine's lock, counted so that replacing it
// can wait for it to finish.
void run_event_callback(pe_engine* handle, pe_event_callback callback, void* payload,
                        std::uint64_t seq);

// Runs `body(Engine&)` (returning Status) under the engine's lock, then wakes
// event consumers if it published events.
template <class Body>
pe_status with_engine(pe_engine* handle, Body&& body) noexcept {
  if (handle == nullptr) return fail(PE_INVALID_ARGUMENT, "engine is NULL");
  return guarded([&]() -> pe_status {
    pe_event_callback callback = nullptr;
    void* payload = nullptr;
    std::uint64_t published = 0;
    Status status;
    {
      handle->waiting.fetch_add(1, std::memory_order_relaxed);
      std::unique_lock<std::mutex> lock(handle->mutex);
      handle->waiting.fetch_sub(1, std::memory_order_relaxed);
      if (!handle->engine) return fail(PE_CLOSED, "the engine is closed");
      const std::uint64_t before = handle->engine->last_seq();
      status = body(*handle->engine);
      const std::uint64_t after = handle->engine->last_seq();
      if (after != before) {
        published = after;
        callback = handle->callback;
        payload = handle->callback_payload;
        if (callback != nullptr) ++handle->callbacks_running;
        handle->waker.notify();
      }
    }
    if (callback != nullptr) run_event_callback(handle, callback, payload, published);
    return to_c(status);
  });
}

// Text arguments: NULL is only accepted with length 0.
inline bool text_arg(const char* data, std::size_t size, std::string_view* out) {
  if (data == nullptr && size != 0) return false;
  *out = data == nullptr ? std::string_view() : std::string_view(data, size);
  return true;
}

inline pe_status null_argument(const char* name) {
  return fail(PE_INVALID_ARGUMENT, std::string(name) + " is NULL");
}

// The error for a text argument text_arg() refused.
inline pe_status bad_text(const std::string& name) {
  return fail(PE_INVALID_ARGUMENT, name + " is NULL but its length is not 0");
}

// Runs a read that fills a new pe_result under the engine's lock; hands the
// result over only on success. `redacted` results hide the true_* fields.
template <class Fill>
pe_status read_into_result(pe_engine* engine, pe_result** out, Fill&& fill, bool redacted = false) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&]() -> pe_status {
    auto result = std::make_unique<pe_result>();
    result->redacted = redacted;
    const pe_status status = with_engine(engine, [&](core::Engine& e) { return fill(e, *result); });
    if (status == PE_OK) *out = result.release();
    return status;
  });
}

// Core counts into the caller's pe_counts record.
pe_status write_counts(const core::Counts& counts, pe_counts* out);

// Output records: the caller's struct_size says how much it can receive.
// Sizes of each record in ABI 1 (the smallest a caller may pass); never change.
template <class Record>
pe_status write_record(const Record& full, Record* out, std::size_t abi1_size, const char* name) {
  if (out == nullptr) return null_argument(name);
  const std::size_t size = out->struct_size;
  if (size < abi1_size) {
    return fail(PE_INVALID_ARGUMENT, std::string(name) + "->struct_size is " +
                                         std::to_string(size) + "; initialise the record");
  }
  std::memcpy(static_cast<void*>(out), &full, std::min(size, sizeof(Record)));
  out->struct_size = static_cast<std::uint32_t>(size);
  return PE_OK;
}

// Input records: fields the caller does not know keep the defaults in *merged.
template <class Record>
pe_status read_record(const Record* in, Record* merged, std::size_t abi1_size, const char* name) {
  const std::size_t size = in->struct_size;
  if (size < abi1_size) {
    return fail(PE_INVALID_ARGUMENT, std::string(name) + "->struct_size is " +
                                         std::to_string(size) + "; initialise the record");
  }
  const std::uint32_t own = merged->struct_size;
  std::memcpy(static_cast<void*>(merged), in, std::min(size, sizeof(Record)));
  merged->struct_size = own;
  return PE_OK;
}

}  // namespace presence::capi
