#include "reader.h"

#include <cstdint>
#include <limits>
#include <string_view>

#include "arguments.h"
#include "engine.h"
#include "enums.h"

namespace py = pybind11;

namespace presence_py {

NativeReader::NativeReader(py::object engine, py::handle room_id) : engine_(std::move(engine)) {
  const NativeEngine& native = py::cast<const NativeEngine&>(engine_);
  if (const auto room = optional_text_arg(room_id.ptr(), "room_id")) room_.emplace(*room);
  const std::string_view room = room_ ? std::string_view(*room_) : std::string_view();
  check(pe_reader_create(native.handle(), room.data(), room.size(), &handle_));
}

NativeReader::~NativeReader() {
  // Collected: no read can be running (each holds a reference to this reader).
  pe_reader_destroy(handle_);
}

void NativeReader::close() {
  if (closed_) return;
  closed_ = true;
  if (reads_running_ == 0) {
    pe_reader_destroy(handle_);
    handle_ = nullptr;
  }
}

py::object NativeReader::room_id() const {
  return room_ ? py::object(py::str(*room_)) : py::object(py::none());
}

NativeReader::Use::Use(NativeReader* reader) : reader_(reader) {
  if (reader->closed_) raise_status(PE_CLOSED, "the reader is closed");
  ++reader->reads_running_;
}

NativeReader::Use::~Use() {
  // The GIL is held again here: the release inside the read has ended.
  if (--reader_->reads_running_ == 0 && reader_->closed_ && reader_->handle_ != nullptr) {
    pe_reader_destroy(reader_->handle_);
    reader_->handle_ = nullptr;
  }
}

void define_reader(py::module_& m) {
  py::class_<NativeReader> cls(m, "NativeReader",
                               "The native reader; use presence.Engine.reader(), which makes one.");
  cls.def(py::init<py::object, py::handle>(), py::arg("engine"), py::arg("room_id"),
          "Creates a reader of the engine, or of one of its rooms.");
  cls.def_property_readonly("closed", &NativeReader::closed,
                            "True once close() was called on this reader.");
  cls.def_property_readonly("room_id", &NativeReader::room_id,
                            "The room this reader is scoped to, or None for the whole engine.");
  cls.def_property_readonly(
      "engine", [](const NativeReader& self) { return self.engine(); },
      "The engine this reader reads.");
  cls.def("close", &NativeReader::close,
          "Frees the reader; later calls raise ClosedError. Idempotent. Closing the engine "
          "is not needed first, nor does it close its readers.");
  cls.def(
      "counts",
      [](NativeReader& self, py::handle now_ms) {
        const std::int64_t now = time_arg(now_ms.ptr());
        pe_counts counts;
        pe_counts_init(&counts);
        self.call([&](pe_reader* reader) { return pe_reader_counts(reader, now, &counts); });
        return make_counts(counts);
      },
      py::kw_only(), py::arg("now_ms") = py::none(),
      "Counts (Counts): the engine's, without the invisible ones; scoped to a room, its "
      "visible members as users (users_*) and their sessions in it (sessions_*). Raises "
      "NotFoundError while the room does not exist.");
  cls.def(
      "_page",
      [](NativeReader& self, py::handle min_state, py::handle cursor, py::handle limit,
         py::handle now_ms) -> py::object {
        const auto state =
            static_cast<pe_state>(enums().state.value_of(min_state.ptr(), "min_state"));
        const std::string_view after =
            optional_text_arg(cursor.ptr(), "cursor").value_or(std::string_view());
        const auto size = static_cast<std::size_t>(int_arg(limit.ptr(), "limit", 1, 10'000));
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = self.read([&](pe_reader* reader, pe_result** out) {
          return pe_reader_list_users(reader, state, after.data(), after.size(), size, now, out);
        });
        return self.room_id().is_none() ? make_user_page(result.get())
                                        : make_member_page(result.get());
      },
      py::arg("min_state"), py::arg("cursor"), py::arg("limit"), py::arg("now_ms"),
      "A page of users (UserPage), or of a room's members (MemberPage).");
  cls.def(
      "get_user",
      [](NativeReader& self, py::handle user_id, py::handle now_ms) {
        const std::string_view id = text_arg(user_id.ptr(), "user_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = self.read([&](pe_reader* reader, pe_result** out) {
          return pe_reader_get_user(reader, id.data(), id.size(), now, out);
        });
        return make_user_detail(result.get());
      },
      py::arg("user_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "One user with its sessions (UserDetail), redacted; scoped to a room, only a visible "
      "member, with its sessions in the room. Raises NotFoundError otherwise (an invisible "
      "user is not found in a room).");
  cls.def(
      "snapshot",
      [](NativeReader& self, py::handle now_ms) {
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = self.read([&](pe_reader* reader, pe_result** out) {
          return pe_reader_snapshot(reader, now, out);
        });
        return make_snapshot(result.get());
      },
      py::kw_only(), py::arg("now_ms") = py::none(),
      "The published view (Snapshot), redacted; scoped to a room, its visible members and "
      "their sessions in it. Continue with events_since(snapshot.seq).");
  cls.def(
      "events_since",
      [](NativeReader& self, py::handle after_seq, py::handle limit) {
        const EventRange range = event_range(after_seq, limit);
        ResultPtr result = self.read([&](pe_reader* reader, pe_result** out) {
          return pe_reader_poll_events(reader, range.after, range.max, out);
        });
        return make_event_batch(result.get());
      },
      py::arg("after_seq") = 0, py::kw_only(), py::arg("limit") = py::none(),
      "Events after after_seq (EventBatch), redacted; scoped to a room, only those about the "
      "room or its current visible members. The batch's seq is the last event considered, "
      "kept or not: continue from it. Raises TooFarBehindError as Engine.events_since() "
      "does.");
}

}  // namespace presence_py
