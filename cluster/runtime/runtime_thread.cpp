#include "runtime/runtime_thread.h"

#include <charconv>
#include <optional>

#include "redis/hashes.h"
#include "redis/keys.h"

namespace presence::cluster {

RedisStatus RuntimeThread::find_nodes(std::vector<std::string>* live,
                                      std::vector<std::string>* mirrored) {
  live->clear();
  if (mirrored != nullptr) mirrored->clear();
  FieldValues nodes;
  PE_REDIS_TRY(hgetall(*connection_, keys_.nodes(), &nodes));
  std::vector<std::string> alive_keys;
  for (const auto& [node, registered] : nodes) alive_keys.push_back(keys_.alive(node));
  if (nodes.empty()) return RedisStatus::ok();
  std::vector<std::optional<std::string>> values;
  PE_REDIS_TRY(mget(*connection_, alive_keys, &values));
  const std::int64_t now = wall_clock_ms();
  for (std::size_t i = 0; i < nodes.size() && i < values.size(); ++i) {
    const std::string& node = nodes[i].first;
    if (node == engine_->node_id()) continue;
    const bool alive = values[i].has_value();
    if (alive) {
      engine_->node_seen(node, now);
      live->push_back(node);
    }
    // The registry's value is when the node last wrote its whole mirror.
    std::int64_t registered = 0;
    const std::string& since = nodes[i].second;
    const auto parsed = std::from_chars(since.data(), since.data() + since.size(), registered);
    const bool recent = parsed.ec == std::errc() && now - registered < 2 * options_.node_ttl_ms;
    if (mirrored != nullptr && (alive || recent)) mirrored->push_back(node);
  }
  return RedisStatus::ok();
}

}  // namespace presence::cluster
