// The cluster runtime (cluster/runtime) through the C ABI: options, start,
// stop, statistics; and the engine port the runtime drives, over the same
// pe_engine_* calls an application would make.
#include <set>

#include "c_boundary.h"
#include "redis/options.h"
#include "runtime/node_runtime.h"

using presence::capi::fail;
using presence::capi::guarded;
using presence::capi::null_argument;
using presence::capi::text_arg;
using presence::cluster::EnginePort;
using presence::cluster::NodeRuntime;
using presence::cluster::OwnedReplica;
using presence::cluster::RecordSink;
using presence::cluster::RedisOptions;
using presence::cluster::RedisStatus;
using presence::cluster::RedisTransport;
using presence::cluster::RemoteSessionSink;
using presence::cluster::RuntimeOptions;

struct pe_cluster_options {
  bool has_url = false;
  RedisOptions redis;  // as parsed from the URL
  RuntimeOptions runtime;
  bool has_auth = false;
  std::string user;
  std::string password;
  bool has_tls = false;
  bool tls_enabled = false;
  presence::cluster::RedisTlsOptions tls;
};

struct pe_cluster {
  pe_engine* engine = nullptr;
  std::unique_ptr<NodeRuntime> runtime;
};

namespace {

constexpr std::size_t kClusterStatsAbi1Size = sizeof(pe_cluster_stats);

// Engines with a running cluster: one runtime per engine, since two would
// take records from one outbox.
std::mutex g_engines_mutex;
std::set<const pe_engine*> g_engines;

class CEnginePort final : public EnginePort {
 public:
  CEnginePort(pe_engine* engine, std::string node_id)
      : engine_(engine), node_id_(std::move(node_id)) {}

  const std::string& node_id() const override { return node_id_; }

  pe_status take(std::size_t max, const RecordSink& each) override {
    pe_result* result = nullptr;
    const pe_status status = pe_engine_take_replicas(engine_, max, &result);
    if (status == PE_OK) read_replicas(result, each);
    pe_result_destroy(result);
    return status;
  }

  pe_status export_page(std::uint64_t cursor, std::size_t limit, const RecordSink& each,
                        std::uint64_t* next) override {
    pe_result* result = nullptr;
    const pe_status status = pe_engine_export_replicas(engine_, cursor, limit, PE_NOW, &result);
    if (status == PE_OK) {
      read_replicas(result, each);
      *next = pe_result_seq(result);
    }
    pe_result_destroy(result);
    return status;
  }

  pe_status apply(std::vector<OwnedReplica>* records) override {
    std::vector<pe_replica> views;
    views.reserve(records->size());
    for (OwnedReplica& record : *records) views.push_back(record.view());
    return pe_engine_apply_replicas(engine_, views.data(), views.size(), PE_NOW, nullptr, nullptr);
  }

  pe_status node_seen(std::string_view node_id, std::int64_t at_ms) override {
    return pe_engine_node_seen(engine_, node_id.data(), node_id.size(), at_ms);
  }

  pe_status remote_sessions(const RemoteSessionSink& each) override {
    pe_result* result = nullptr;
    const pe_status status = pe_engine_snapshot(engine_, PE_NOW, &result);
    if (status == PE_OK) {
      const std::size_t count = pe_result_session_count(result);
      for (std::size_t i = 0; i < count; ++i) {
        pe_session_info info;
        pe_session_info_init(&info);
        if (pe_result_session(result, i, &info) != PE_OK) continue;
        const std::string_view node(info.node_id, info.node_id_len);
        if (node.empty() || node == node_id_) continue;
        each(std::string_view(info.session_id, info.session_id_len), node, info.version);
      }
    }
    pe_result_destroy(result);
    return status;
  }

 private:
  static void read_replicas(const pe_result* result, const RecordSink& each) {
    const std::size_t count = pe_result_replica_count(result);
    for (std::size_t i = 0; i < count; ++i) {
      pe_replica record;
      pe_replica_init(&record);
      if (pe_result_replica(result, i, &record) == PE_OK) each(record);
    }
  }

  pe_engine* engine_;
  std::string node_id_;
};

pe_status options_null() {
  return null_argument("options");
}

pe_status copy_text(const char* data, std::size_t size, const char* name, std::string* out) {
  std::string_view text;
  if (!text_arg(data, size, &text)) return presence::capi::bad_text(name);
  out->assign(text);
  return PE_OK;
}

pe_status check_range(std::int64_t value, std::int64_t low, std::int64_t high, const char* name) {
  if (value >= low && value <= high) return PE_OK;
  return fail(PE_INVALID_ARGUMENT, std::string(name) + " must be in " + std::to_string(low) + ".." +
                                       std::to_string(high) + "; got " + std::to_string(value));
}

// A range-checked integer option.
template <class Field>
pe_status set_in_range(pe_cluster_options* options, std::int64_t value, std::int64_t low,
                       std::int64_t high, const char* name, Field RuntimeOptions::*field) {
  if (options == nullptr) return options_null();
  const pe_status status = check_range(value, low, high, name);
  if (status == PE_OK) options->runtime.*field = static_cast<Field>(value);
  return status;
}

// The URL's options with the overrides from the setters, validated.
pe_status resolve(const pe_cluster_options& options, RuntimeOptions* out) {
  if (!options.has_url) return fail(PE_INVALID_ARGUMENT, "cluster options: no Redis URL was set");
  *out = options.runtime;
  RedisOptions& redis = out->redis;
  redis = options.redis;
  if (options.has_auth) {
    redis.user = options.user;
    redis.password = options.password;
  }
  if (options.has_tls) {
    if (options.tls_enabled && redis.transport == RedisTransport::kTcp) {
      redis.transport = RedisTransport::kTls;
    }
    if (!options.tls.ca_file.empty()) redis.tls.ca_file = options.tls.ca_file;
    if (!options.tls.cert_file.empty()) redis.tls.cert_file = options.tls.cert_file;
    if (!options.tls.key_file.empty()) redis.tls.key_file = options.tls.key_file;
    if (!options.tls.server_name.empty()) redis.tls.server_name = options.tls.server_name;
    redis.tls.insecure = redis.tls.insecure || options.tls.insecure;
  }
  RedisStatus valid = redis.validate();
  if (!valid.is_ok()) return fail(PE_INVALID_ARGUMENT, "cluster options: " + valid.message());
  return PE_OK;
}

// The engine's node id, read under its lock.
pe_status engine_node_id(pe_engine* engine, std::string* out) {
  std::lock_guard<std::mutex> lock(engine->mutex);
  if (!engine->engine) return fail(PE_CLOSED, "the engine is closed");
  *out = engine->engine->config().node_id;
  if (out->empty()) {
    return fail(PE_INVALID_ARGUMENT,
                "the engine has no node_id: set pe_config.node_id to run it in a cluster");
  }
  return PE_OK;
}

}  // namespace

extern "C" {

PE_API pe_status pe_cluster_options_create(pe_cluster_options** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&] {
    *out = new pe_cluster_options();
    return PE_OK;
  });
}

PE_API void pe_cluster_options_destroy(pe_cluster_options* options) {
  delete options;
}

PE_API pe_status pe_cluster_options_set_url(pe_cluster_options* options, const char* url,
                                            size_t url_len) {
  if (options == nullptr) return options_null();
  return guarded([&] {
    std::string_view text;
    if (!text_arg(url, url_len, &text)) return presence::capi::bad_text("url");
    RedisOptions parsed;
    RedisStatus status = presence::cluster::parse_redis_url(text, &parsed);
    if (!status.is_ok()) return fail(PE_INVALID_ARGUMENT, "Redis URL: " + status.message());
    options->redis = std::move(parsed);
    options->has_url = true;
    return PE_OK;
  });
}

PE_API pe_status pe_cluster_options_set_cluster_name(pe_cluster_options* options, const char* name,
                                                     size_t name_len) {
  if (options == nullptr) return options_null();
  return guarded([&] {
    std::string_view text;
    if (!text_arg(name, name_len, &text) || !presence::cluster::valid_cluster_name(text)) {
      return fail(PE_INVALID_ARGUMENT, "the cluster name must be 1..64 bytes of [A-Za-z0-9_.-]");
    }
    options->runtime.cluster.assign(text);
    return PE_OK;
  });
}

PE_API pe_status pe_cluster_options_set_node_ttl_ms(pe_cluster_options* options, int64_t ttl_ms) {
  return set_in_range(options, ttl_ms, 300, 3600000, "node_ttl_ms", &RuntimeOptions::node_ttl_ms);
}

PE_API pe_status pe_cluster_options_set_stream_max_len(pe_cluster_options* options,
                                                       uint64_t max_len) {
  // Clamped rather than cast: a value past 2^32 must not wrap into range.
  const auto value = static_cast<std::int64_t>(std::min<std::uint64_t>(max_len, INT64_MAX));
  return set_in_range(options, value, 100, std::int64_t{1} << 32U, "stream_max_len",
                      &RuntimeOptions::stream_max_len);
}

PE_API pe_status pe_cluster_options_set_batch_interval_ms(pe_cluster_options* options,
                                                          int64_t interval_ms) {
  return set_in_range(options, interval_ms, 1, 10000, "batch_interval_ms",
                      &RuntimeOptions::batch_interval_ms);
}

PE_API pe_status pe_cluster_options_set_start_timeout_ms(pe_cluster_options* options,
                                                         int64_t timeout_ms) {
  return set_in_range(options, timeout_ms, 0, 600000, "start_timeout_ms",
                      &RuntimeOptions::start_timeout_ms);
}

PE_API pe_status pe_cluster_options_set_auth(pe_cluster_options* options, const char* user,
                                             size_t user_len, const char* password,
                                             size_t password_len) {
  if (options == nullptr) return options_null();
  return guarded([&] {
    std::string new_user;
    std::string new_password;
    pe_status status = copy_text(user, user_len, "user", &new_user);
    if (status == PE_OK) status = copy_text(password, password_len, "password", &new_password);
    if (status != PE_OK) return status;
    options->user = std::move(new_user);
    options->password = std::move(new_password);
    options->has_auth = true;
    return PE_OK;
  });
}

PE_API pe_status pe_cluster_options_set_tls(pe_cluster_options* options, int enabled,
                                            const char* ca_file, size_t ca_file_len,
                                            const char* cert_file, size_t cert_file_len,
                                            const char* key_file, size_t key_file_len,
                                            const char* server_name, size_t server_name_len,
                                            int insecure) {
  if (options == nullptr) return options_null();
  return guarded([&] {
    presence::cluster::RedisTlsOptions tls;
    pe_status status = copy_text(ca_file, ca_file_len, "ca_file", &tls.ca_file);
    if (status == PE_OK) status = copy_text(cert_file, cert_file_len, "cert_file", &tls.cert_file);
    if (status == PE_OK) status = copy_text(key_file, key_file_len, "key_file", &tls.key_file);
    if (status == PE_OK) {
      status = copy_text(server_name, server_name_len, "server_name", &tls.server_name);
    }
    if (status != PE_OK) return status;
    if (tls.cert_file.empty() != tls.key_file.empty()) {
      return fail(PE_INVALID_ARGUMENT, "a TLS client certificate needs its key, and the reverse");
    }
    tls.insecure = insecure != 0;
    options->tls = std::move(tls);
    options->tls_enabled = enabled != 0;
    options->has_tls = true;
    return PE_OK;
  });
}

PE_API pe_status pe_cluster_start(pe_engine* engine, const pe_cluster_options* options,
                                  pe_cluster** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (engine == nullptr) return null_argument("engine");
  if (options == nullptr) return options_null();
  return guarded([&] {
    RuntimeOptions resolved;
    std::string node_id;
    pe_status status = resolve(*options, &resolved);
    if (status == PE_OK) status = engine_node_id(engine, &node_id);
    if (status != PE_OK) return status;
    {
      std::lock_guard<std::mutex> lock(g_engines_mutex);
      if (!g_engines.insert(engine).second) {
        return fail(PE_CONFLICT, "a cluster already runs on this engine");
      }
    }
    auto cluster = std::make_unique<pe_cluster>();
    cluster->engine = engine;
    RedisStatus started = NodeRuntime::start(
        resolved, std::make_unique<CEnginePort>(engine, std::move(node_id)), &cluster->runtime);
    if (!started.is_ok()) {
      std::lock_guard<std::mutex> lock(g_engines_mutex);
      g_engines.erase(engine);
      return fail(PE_INVALID_ARGUMENT,
                  started.message() + " (Redis at " + resolved.redis.describe() + ")");
    }
    *out = cluster.release();
    return PE_OK;
  });
}

PE_API void pe_cluster_stop(pe_cluster* cluster) {
  if (cluster == nullptr || !cluster->runtime) return;
  cluster->runtime->stop();
  std::lock_guard<std::mutex> lock(g_engines_mutex);
  g_engines.erase(cluster->engine);
}

PE_API void pe_cluster_destroy(pe_cluster* cluster) {
  pe_cluster_stop(cluster);
  delete cluster;
}

PE_API void pe_cluster_stats_init(pe_cluster_stats* out) {
  if (out == nullptr) return;
  *out = pe_cluster_stats{};
  out->struct_size = sizeof(pe_cluster_stats);
}

PE_API pe_status pe_cluster_stats_get(const pe_cluster* cluster, pe_cluster_stats* out) {
  if (cluster == nullptr) return null_argument("cluster");
  pe_cluster_stats full{};
  full.struct_size = sizeof(pe_cluster_stats);
  cluster->runtime->stats(&full);
  return presence::capi::write_record(full, out, kClusterStatsAbi1Size, "out");
}

PE_API pe_status pe_cluster_last_error(const pe_cluster* cluster, char* buffer, size_t capacity,
                                       size_t* out_len) {
  if (cluster == nullptr) return null_argument("cluster");
  if (buffer == nullptr && capacity != 0) return null_argument("buffer");
  return guarded([&] {
    const std::string error = cluster->runtime->last_error();
    if (capacity != 0) {
      const std::size_t n = std::min(error.size(), capacity - 1);
      std::memcpy(buffer, error.data(), n);
      buffer[n] = '\0';
    }
    if (out_len != nullptr) *out_len = error.size();
    return PE_OK;
  });
}

}  // extern "C"
