// Cluster mode: this node's replication records out, other nodes' records in,
// and other nodes' liveness.
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "arguments.h"
#include "engine.h"

namespace py = pybind11;

namespace presence_py {

void define_cluster_methods(py::class_<NativeEngine>& cls) {
  cls.def(
      "take_replicas",
      [](NativeEngine& self, py::handle limit) {
        const std::size_t max =
            optional_limit(limit, "limit", std::numeric_limits<std::int64_t>::max());
        ResultPtr result = read_result(
            [&](pe_result** out) { return pe_engine_take_replicas(self.handle(), max, out); });
        return replicas_in(result.get());
      },
      py::kw_only(), py::arg("limit") = py::none(),
      "Takes the replication records (a tuple of Replica) of this node's sessions changed "
      "since the last call, oldest first, at most limit (None: all): opens, transitions, "
      "ends, room joins and leaves, identification, dropped transports; never heartbeats. "
      "Raises TooFarBehindError when more than replication_buffer records piled up (they "
      "were dropped): export every record again with export_replicas().");
  cls.def(
      "export_replicas",
      [](NativeEngine& self, py::handle cursor, py::handle limit, py::handle now_ms) {
        const std::uint64_t after =
            unsigned_arg(cursor.ptr(), "cursor", std::numeric_limits<std::uint64_t>::max());
        const auto size = static_cast<std::size_t>(int_arg(limit.ptr(), "limit", 1, 100'000));
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_export_replicas(self.handle(), after, size, now, out);
        });
        return make_replica_page(result.get());
      },
      py::arg("cursor") = 0, py::kw_only(), py::arg("limit") = 1000, py::arg("now_ms") = py::none(),
      "A page (ReplicaPage) of records of every live session this node owns, to mirror the "
      "whole table (e.g. after the transport lost records). cursor: 0 for the first page, "
      "then the page's next_cursor (None after the last page). limit: 1..100000.");
  cls.def(
      "apply_replicas",
      [](NativeEngine& self, py::handle records, py::handle now_ms) {
        const ReplicaInput in = read_replicas(records);
        const std::int64_t now = time_arg(now_ms.ptr());
        std::vector<pe_status> statuses(in.records.size());
        call_unlocked([&] {
          return pe_engine_apply_replicas(self.handle(), in.records.data(), in.records.size(), now,
                                          statuses.data(), nullptr);
        });
        return failures_of(statuses);
      },
      py::arg("records"), py::kw_only(), py::arg("now_ms") = py::none(),
      "Applies other nodes' records (a sequence of Replica; this node's own are ignored): "
      "their sessions appear here as remote sessions, in every read and event. Versions "
      "decide: an older record is ignored. Records are independent: one the engine refuses "
      "fails alone. Returns the (index, Status) of every failed record; an empty tuple when "
      "all were applied.");
  cls.def(
      "node_seen",
      [](NativeEngine& self, py::handle node_id, py::handle seen_at_ms) {
        const std::string_view node = text_arg(node_id.ptr(), "node_id");
        const std::int64_t seen_at =
            int_arg(seen_at_ms.ptr(), "seen_at_ms", 0, std::numeric_limits<std::int64_t>::max());
        check(pe_engine_node_seen(self.handle(), node.data(), node.size(), seen_at));
      },
      py::arg("node_id"), py::arg("seen_at_ms"),
      "Another node renewed its liveness at seen_at_ms (ms since the epoch; e.g. its "
      "liveness key was found in Redis). Its sessions stay as replicated until "
      "node_timeout_ms after its last renewal or record; then they age through stale to "
      "offline, as silent sessions do.");
}

}  // namespace presence_py
