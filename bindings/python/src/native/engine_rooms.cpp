// Rooms: count-only mode and the reads of rooms, members and metrics. (Joins
// and leaves are signals: engine_signals.cpp.)
#include <cstdint>
#include <string_view>

#include "arguments.h"
#include "engine.h"
#include "enums.h"

namespace py = pybind11;

namespace presence_py {
namespace {

constexpr std::int64_t kMaxPage = 10'000;
constexpr std::int64_t kMaxOccupancyInterval = 86'400'000;

}  // namespace

void define_room_methods(py::class_<NativeEngine>& cls) {
  cls.def(
      "set_room_count_only",
      [](NativeEngine& self, py::handle room_id, py::handle count_only, py::handle interval_ms,
         py::handle now_ms) {
        const std::string_view room = text_arg(room_id.ptr(), "room_id");
        if (!PyBool_Check(count_only.ptr())) {
          raise_type_error("count_only must be bool, not " + type_name(count_only.ptr()));
        }
        const bool on = count_only.ptr() == Py_True;
        if (on && interval_ms.is_none()) {
          raise_invalid_argument("interval_ms is required when count_only is True");
        }
        const std::int64_t interval =
            interval_ms.is_none()
                ? 0
                : int_arg(interval_ms.ptr(), "interval_ms", 1, kMaxOccupancyInterval);
        const std::int64_t now = time_arg(now_ms.ptr());
        check(pe_room_set_count_only(self.handle(), room.data(), room.size(), on ? 1 : 0, interval,
                                     now));
      },
      py::arg("room_id"), py::arg("count_only"), py::arg("interval_ms") = py::none(), py::kw_only(),
      py::arg("now_ms") = py::none(),
      "Switches a room (created if needed) to count-only mode, or back. A count-only room, "
      "too large for per-member events, publishes no member events but an OccupancyEvent "
      "(members and sessions by state) at once, then at most once per interval_ms "
      "(1..86400000, required when count_only is True, unused when it is False). Raises "
      "LimitExceededError past max_rooms.");
  cls.def(
      "get_room",
      [](NativeEngine& self, py::handle room_id, py::handle now_ms) {
        const std::string_view room = text_arg(room_id.ptr(), "room_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_get_room(self.handle(), room.data(), room.size(), now, out);
        });
        return make_room(result.get());
      },
      py::arg("room_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "One room (Room), its counts in O(1). Raises NotFoundError for an unknown room.");
  cls.def(
      "list_rooms",
      [](NativeEngine& self, py::handle cursor, py::handle limit, py::handle now_ms) {
        const std::string_view after =
            optional_text_arg(cursor.ptr(), "cursor").value_or(std::string_view());
        const auto size = static_cast<std::size_t>(int_arg(limit.ptr(), "limit", 1, kMaxPage));
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_list_rooms(self.handle(), after.data(), after.size(), size, now, out);
        });
        return make_room_page(result.get());
      },
      py::kw_only(), py::arg("cursor") = py::none(), py::arg("limit") = 50,
      py::arg("now_ms") = py::none(),
      "A page (RoomPage) of rooms ordered by id. Pass the page's next_cursor as cursor for "
      "the next page (None on the last page). limit: 1..10000.");
  cls.def(
      "list_members",
      [](NativeEngine& self, py::handle room_id, py::handle min_state, py::handle cursor,
         py::handle limit, py::handle now_ms) {
        const std::string_view room = text_arg(room_id.ptr(), "room_id");
        const auto state =
            static_cast<pe_state>(enums().state.value_of(min_state.ptr(), "min_state"));
        const std::string_view after =
            optional_text_arg(cursor.ptr(), "cursor").value_or(std::string_view());
        const auto size = static_cast<std::size_t>(int_arg(limit.ptr(), "limit", 1, kMaxPage));
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_room_list_members(self.handle(), room.data(), room.size(), state, after.data(),
                                      after.size(), size, now, out);
        });
        return make_member_page(result.get());
      },
      py::arg("room_id"), py::arg("min_state") = enums().state.member(PE_STATE_STALE),
      py::kw_only(), py::arg("cursor") = py::none(), py::arg("limit") = 50,
      py::arg("now_ms") = py::none(),
      "A page (MemberPage) of a room's members whose state is at least min_state, ordered "
      "by id, with the cursor behaviour of list_users(); invisible users are not shown. "
      "Raises NotFoundError for an unknown room, InvalidArgumentError for a cursor this "
      "room's pages did not return.");
  cls.def(
      "user_rooms",
      [](NativeEngine& self, py::handle user_id, py::handle now_ms) {
        const std::string_view user = text_arg(user_id.ptr(), "user_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_user_list_rooms(self.handle(), user.data(), user.size(), now, out);
        });
        return rooms_in(result.get());
      },
      py::arg("user_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "The rooms a user is in through any of its sessions, ordered by id (a tuple of Room). "
      "Raises NotFoundError for an unknown user.");
  cls.def(
      "room_metrics",
      [](NativeEngine& self, py::handle room_id, py::handle now_ms) {
        const std::string_view room = text_arg(room_id.ptr(), "room_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_room_get_metrics(self.handle(), room.data(), room.size(), now, out);
        });
        return make_room_metrics(result.get());
      },
      py::arg("room_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "A room's coordination metrics (RoomMetrics): joins, leaves and drop-offs, peaks, "
      "the dwell and attention histograms and the readiness curve. Raises NotFoundError for "
      "an unknown room.");
}

}  // namespace presence_py
