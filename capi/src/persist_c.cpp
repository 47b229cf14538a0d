// Persistence: snapshots to and from files.
#include "c_boundary.h"
#include "c_config.h"
#include "persist/atomic_file.h"
#include "persist/engine_snapshot.h"
#include "util/utf8.h"

using presence::capi::fail;
using presence::capi::guarded;
using presence::capi::null_argument;

namespace {

// A path argument: pointer + length, non-empty UTF-8 without NUL bytes.
pe_status path_arg(const char* data, std::size_t size, std::string* out) {
  std::string_view path;
  if (!presence::capi::text_arg(data, size, &path) || path.empty()) {
    return fail(PE_INVALID_ARGUMENT, "path is empty");
  }
  if (path.find('\0') != std::string_view::npos || !presence::core::is_valid_utf8(path)) {
    return fail(PE_INVALID_ARGUMENT, "path must be UTF-8 without NUL bytes");
  }
  *out = std::string(path);
  return PE_OK;
}

// Says which file a failure is about.
pe_status fail_on(const std::string& path, const presence::core::Status& status) {
  return fail(static_cast<pe_status>(status.code()),
              "snapshot '" + path + "': " + status.message());
}

}  // namespace

extern "C" {

PE_API pe_status pe_engine_save(pe_engine* engine, const char* path, size_t path_len,
                                int64_t now_ms) {
  return guarded([&]() -> pe_status {
    std::string file;
    pe_status status = path_arg(path, path_len, &file);
    if (status != PE_OK) return status;
    // The state is copied under the engine's lock; the file is written
    // after it is released, so a slow disk never stalls other callers.
    std::string bytes;
    status = presence::capi::with_engine(engine, [&](presence::core::Engine& e) {
      return presence::core::EngineSnapshot::save(e, now_ms, &bytes);
    });
    if (status != PE_OK) return status;
    const presence::core::Status written = presence::core::write_file_atomically(file, bytes);
    return written.is_ok() ? PE_OK : fail_on(file, written);
  });
}

PE_API pe_status pe_engine_create_from_file(const pe_config* config, const char* path,
                                            size_t path_len, int64_t now_ms, pe_engine** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&]() -> pe_status {
    std::string file;
    pe_status status = path_arg(path, path_len, &file);
    if (status != PE_OK) return status;
    presence::core::Config merged;
    status = presence::capi::read_config(config, &merged);
    if (status != PE_OK) return status;
    std::string bytes;
    const presence::core::Status read = presence::core::read_whole_file(file, &bytes);
    if (!read.is_ok()) return fail_on(file, read);
    auto handle = std::make_unique<pe_engine>();
    const presence::core::Status loaded =
        presence::core::EngineSnapshot::load(merged, bytes, now_ms, &handle->engine);
    if (!loaded.is_ok()) {
      // A bad configuration or time is the caller's, not the file's.
      if (loaded.code() == presence::core::Code::kInvalidArgument) return fail(loaded);
      return fail_on(file, loaded);
    }
    *out = handle.release();
    return PE_OK;
  });
}

}  // extern "C"
