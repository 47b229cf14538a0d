// A Redis command is its arguments, binary-safe: {"SET", key, value, "PX", "5000"}.
#pragma once

#include <string>
#include <vector>

#include "redis/status.h"

namespace presence::cluster {

using RedisCommand = std::vector<std::string>;

// Largest encoded command accepted: Redis's default client-query-buffer-limit
// (1 GiB); a larger one would be refused by the server anyway.
inline constexpr std::size_t kMaxCommandBytes = std::size_t{1} << 30;

// Appends the RESP encoding of `command` to *buffer (with hiredis's encoder).
// kInvalidArgument for an empty command or one over kMaxCommandBytes.
RedisStatus append_command(const RedisCommand& command, std::string* buffer);

// The command's name for messages ("XADD"), without its arguments, which may
// be large or secret (AUTH).
std::string command_name(const RedisCommand& command);

}  // namespace presence::cluster
