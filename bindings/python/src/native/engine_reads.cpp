// Reads (who's online) and events (snapshot + diff). Each runs the C call
// without the GIL, then builds the Python records with it.
#include <cstdint>
#include <limits>
#include <string_view>

#include "arguments.h"
#include "engine.h"
#include "enums.h"
#include "errors.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {
void define_read_methods(py::class_<NativeEngine>& cls) {
  cls.def(
      "counts",
      [](NativeEngine& self, py::handle now_ms) {
        const std::int64_t now = time_arg(now_ms.ptr());
        pe_counts counts;
        pe_counts_init(&counts);
        pe_status status = PE_OK;
        {
          py::gil_scoped_release release;
          status = pe_engine_counts(self.handle(), now, &counts);
        }
        check(status);
        return make_counts(counts);
      },
      py::kw_only(), py::arg("now_ms") = py::none(),
      "Live counts (Counts) of sessions and users by state, kept incrementally: O(1), "
      "always equal to a recount.");
  cls.def(
      "count_seen",
      [](NativeEngine& self, py::handle window_ms, py::handle now_ms) {
        const std::int64_t window =
            int_arg(window_ms.ptr(), "window_ms", 0, std::numeric_limits<std::int64_t>::max());
        const std::int64_t now = time_arg(now_ms.ptr());
        std::uint64_t users = 0;
        pe_status status = PE_OK;
        {
          py::gil_scoped_release release;
          status = pe_engine_count_seen(self.handle(), window, now, &users);
        }
        check(status);
        return users;
      },
      py::arg("window_ms"), py::kw_only(), py::arg("now_ms") = py::none(),
      "Totals, apart from concurrency: the number of distinct users seen (any signal) "
      "within the last window_ms, online or not.");
  cls.def(
      "list_users",
      [](NativeEngine& self, py::handle min_state, py::handle cursor, py::handle limit,
         py::handle now_ms) {
        const auto state =
            static_cast<pe_state>(enums().state.value_of(min_state.ptr(), "min_state"));
        const std::string_view after =
            optional_text_arg(cursor.ptr(), "cursor").value_or(std::string_view());
        const auto size = static_cast<std::size_t>(int_arg(limit.ptr(), "limit", 1, 10'000));
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_list_users(self.handle(), state, after.data(), after.size(), size, now,
                                      out);
        });
        return make_user_page(result.get());
      },
      py::arg("min_state") = enums().state.member(PE_STATE_STALE), py::kw_only(),
      py::arg("cursor") = py::none(), py::arg("limit") = 50, py::arg("now_ms") = py::none(),
      "A page (UserPage) of users whose state is at least min_state, ordered by user id. "
      "Pass the page's next_cursor as cursor for the next page (None on the last page). "
      "min_state=State.OFFLINE includes remembered offline users. limit: 1..10000.");
  cls.def(
      "get_user",
      [](NativeEngine& self, py::handle user_id, py::handle now_ms) {
        const std::string_view id = text_arg(user_id.ptr(), "user_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_get_user(self.handle(), id.data(), id.size(), now, out);
        });
        return make_user_detail(result.get());
      },
      py::arg("user_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "One user, live or remembered offline, with its live sessions (UserDetail). "
      "Raises NotFoundError for an unknown user.");
  cls.def(
      "get_session",
      [](NativeEngine& self, py::handle session_id, py::handle now_ms) {
        const std::string_view id = text_arg(session_id.ptr(), "session_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_get_session(self.handle(), id.data(), id.size(), now, out);
        });
        return make_session(result.get());
      },
      py::arg("session_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "One live session (Session). Raises NotFoundError if no live session has this id.");
  cls.def(
      "snapshot",
      [](NativeEngine& self, py::handle now_ms) {
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result(
            [&](pe_result** out) { return pe_engine_snapshot(self.handle(), now, out); });
        return make_snapshot(result.get());
      },
      py::kw_only(), py::arg("now_ms") = py::none(),
      "The published view (Snapshot): every session and user whose published state is "
      "not offline, and the seq it reflects. Continue with events_since(snapshot.seq).");
  cls.def(
      "events_since",
      [](NativeEngine& self, py::handle after_seq, py::handle limit) {
        const EventRange range = event_range(after_seq, limit);
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_poll_events(self.handle(), range.after, range.max, out);
        });
        return make_event_batch(result.get());
      },
      py::arg("after_seq") = 0, py::kw_only(), py::arg("limit") = py::none(),
      "Published events with seq > after_seq, oldest first, at most limit (None: all "
      "available), as an EventBatch whose seq is where to continue. Events are kept, "
      "not consumed: every consumer keeps its own position. Raises TooFarBehindError "
      "when they were dropped from the buffer: take a snapshot and continue from its "
      "seq. Does not advance time.");
}

}  // namespace presence_py
