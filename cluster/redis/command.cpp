#include "redis/command.h"

#include <hiredis/hiredis.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

namespace presence::cluster {

RedisStatus append_command(const RedisCommand& command, std::string* buffer) {
  if (command.empty()) return {RedisCode::kInvalidArgument, "empty command"};
  // Checked before encoding: hiredis computes the length in an int.
  std::size_t total = 32;
  for (const std::string& arg : command) total += arg.size() + 32;
  if (total > kMaxCommandBytes) {
    return {RedisCode::kInvalidArgument, command_name(command) + ": command larger than " +
                                             std::to_string(kMaxCommandBytes) + " bytes"};
  }
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const std::string& arg : command) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  char* encoded = nullptr;
  const int size =
      redisFormatCommandArgv(&encoded, static_cast<int>(argv.size()), argv.data(), lengths.data());
  if (size < 0) throw std::bad_alloc();  // hiredis's only failure is malloc
  const std::unique_ptr<char, decltype(&redisFreeCommand)> owner(encoded, &redisFreeCommand);
  buffer->append(encoded, static_cast<std::size_t>(size));
  return RedisStatus::ok();
}

std::string command_name(const RedisCommand& command) {
  if (command.empty()) return "(empty command)";
  constexpr std::size_t kMaxShown = 32;
  std::string name = command[0].substr(0, kMaxShown);
  for (char& c : name) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return name;
}

}  // namespace presence::cluster
