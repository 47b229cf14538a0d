// Whole-file reads and crash-safe replacement of a file.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace presence::core {

// Replaces `path` with `bytes` so that after a crash at any moment the path
// holds either the old file or the new one, never a mix: the bytes go to a
// new temporary file in the same directory (mode 0600: snapshots hold
// secrets), which is flushed to disk, renamed over `path`, and the directory
// is flushed so the rename itself survives a power loss. kIoError names the
// step that failed and why; the temporary file is then removed.
Status write_file_atomically(const std::string& path, std::string_view bytes);

// Reads a whole regular file. kNotFound when nothing is at `path`, kIoError
// for anything else that goes wrong.
Status read_whole_file(const std::string& path, std::string* out);

}  // namespace presence::core
