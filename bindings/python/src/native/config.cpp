#include "config.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "arguments.h"
#include "errors.h"

namespace py = pybind11;

namespace presence_py {
namespace {

// pe_config, field by field: the single list behind presence.Config (which
// _config.py checks against default_config() when it is imported).
struct ConfigField {
  const char* name;
  enum Kind { kMillis, kUint32, kUint64, kFraction, kFlag, kText } kind;
  std::size_t offset;
};

#define PE_CONFIG_FIELD(kind, field)                      \
  ConfigField {                                           \
#field, ConfigField::kind, offsetof(pe_config, field) \
  }
constexpr ConfigField kConfigFields[] = {
    PE_CONFIG_FIELD(kMillis, idle_after_ms),
    PE_CONFIG_FIELD(kMillis, away_after_ms),
    PE_CONFIG_FIELD(kMillis, blur_tolerance_ms),
    PE_CONFIG_FIELD(kMillis, heartbeat_active_ms),
    PE_CONFIG_FIELD(kMillis, heartbeat_idle_ms),
    PE_CONFIG_FIELD(kMillis, heartbeat_hidden_ms),
    PE_CONFIG_FIELD(kMillis, heartbeat_grace_ms),
    PE_CONFIG_FIELD(kMillis, reconnect_grace_ms),
    PE_CONFIG_FIELD(kMillis, session_ttl_ms),
    PE_CONFIG_FIELD(kMillis, debounce_active_ms),
    PE_CONFIG_FIELD(kMillis, debounce_idle_ms),
    PE_CONFIG_FIELD(kMillis, debounce_away_ms),
    PE_CONFIG_FIELD(kMillis, debounce_stale_ms),
    PE_CONFIG_FIELD(kMillis, debounce_offline_ms),
    PE_CONFIG_FIELD(kMillis, last_seen_retention_ms),
    PE_CONFIG_FIELD(kUint64, last_seen_max_users),
    PE_CONFIG_FIELD(kUint64, event_buffer_capacity),
    PE_CONFIG_FIELD(kUint32, max_id_bytes),
    PE_CONFIG_FIELD(kUint32, max_meta_bytes),
    PE_CONFIG_FIELD(kUint32, max_sessions_per_user),
    PE_CONFIG_FIELD(kUint64, max_sessions),
    PE_CONFIG_FIELD(kMillis, room_arriving_ms),
    PE_CONFIG_FIELD(kMillis, room_momentum_half_life_ms),
    PE_CONFIG_FIELD(kUint32, max_rooms_per_session),
    PE_CONFIG_FIELD(kUint64, max_rooms),
    PE_CONFIG_FIELD(kFraction, readiness_weight_state),
    PE_CONFIG_FIELD(kFraction, readiness_weight_recency),
    PE_CONFIG_FIELD(kMillis, readiness_recency_window_ms),
    PE_CONFIG_FIELD(kFraction, readiness_busy_factor),
    PE_CONFIG_FIELD(kFraction, readiness_room_weight_members),
    PE_CONFIG_FIELD(kFraction, readiness_room_weight_density),
    PE_CONFIG_FIELD(kUint32, readiness_room_quorum),
    PE_CONFIG_FIELD(kFraction, readiness_ready_threshold),
    PE_CONFIG_FIELD(kFraction, readiness_unready_threshold),
    PE_CONFIG_FIELD(kUint32, max_intents_per_caller),
    PE_CONFIG_FIELD(kMillis, max_intent_ttl_ms),
    PE_CONFIG_FIELD(kUint32, max_catch_up_steps),
    PE_CONFIG_FIELD(kFlag, require_resume_token),
    PE_CONFIG_FIELD(kText, node_id),
    PE_CONFIG_FIELD(kMillis, node_timeout_ms),
    PE_CONFIG_FIELD(kUint64, replication_buffer),
};
#undef PE_CONFIG_FIELD

template <class T>
T& field_of(pe_config* config, const ConfigField& field) {
  return *reinterpret_cast<T*>(reinterpret_cast<char*>(config) + field.offset);
}

template <class T>
const T& field_of(const pe_config& config, const ConfigField& field) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(&config) + field.offset);
}

// A fraction is float or int (1 for 1.0), never bool; the engine checks its range.
double fraction_arg(PyObject* value, const char* name) {
  if (PyBool_Check(value) || !(PyFloat_Check(value) || PyLong_Check(value))) {
    raise_type_error(std::string(name) + " must be float, not " + type_name(value));
  }
  const double out = PyFloat_AsDouble(value);
  if (out == -1.0 && PyErr_Occurred() != nullptr) {
    PyErr_Clear();  // an int too large for a double
    raise_invalid_argument(std::string(name) + " must be between 0 and 1");
  }
  return out;
}

void set_field(pe_config* config, const ConfigField& field, PyObject* value) {
  switch (field.kind) {
    case ConfigField::kMillis:
      field_of<std::int64_t>(config, field) =
          int_arg(value, field.name, std::numeric_limits<std::int64_t>::min(),
                  std::numeric_limits<std::int64_t>::max());
      break;
    case ConfigField::kUint32:
      field_of<std::uint32_t>(config, field) = static_cast<std::uint32_t>(
          unsigned_arg(value, field.name, std::numeric_limits<std::uint32_t>::max()));
      break;
    case ConfigField::kUint64:
      field_of<std::uint64_t>(config, field) =
          unsigned_arg(value, field.name, std::numeric_limits<std::uint64_t>::max());
      break;
    case ConfigField::kFraction:
      field_of<double>(config, field) = fraction_arg(value, field.name);
      break;
    case ConfigField::kFlag:
      if (!PyBool_Check(value)) {
        raise_type_error(std::string(field.name) + " must be bool, not " + type_name(value));
      }
      field_of<int>(config, field) = value == Py_True ? 1 : 0;
      break;
    case ConfigField::kText:
      // node_id is the only text field: a pointer and, right after it, its length.
      if (const auto text = optional_text_arg(value, field.name)) {
        // The C ABI reads an empty id as "standalone"; here that is None.
        if (text->empty()) {
          raise_invalid_argument(std::string(field.name) +
                                 " must not be empty (None for a standalone engine)");
        }
        config->node_id = text->data();
        config->node_id_len = text->size();
      }
      break;
  }
}

py::object get_field(const pe_config& config, const ConfigField& field) {
  switch (field.kind) {
    case ConfigField::kMillis: return py::int_(field_of<std::int64_t>(config, field));
    case ConfigField::kUint32: return py::int_(field_of<std::uint32_t>(config, field));
    case ConfigField::kUint64: return py::int_(field_of<std::uint64_t>(config, field));
    case ConfigField::kFraction: return py::float_(field_of<double>(config, field));
    case ConfigField::kFlag: return py::bool_(field_of<int>(config, field) != 0);
    case ConfigField::kText: break;
  }
  if (config.node_id == nullptr) return py::none();
  return py::str(config.node_id, config.node_id_len);
}

}  // namespace

pe_config read_config(py::handle config) {
  pe_config out;
  pe_config_init(&out);
  for (const ConfigField& field : kConfigFields) {
    py::object value =
        py::reinterpret_steal<py::object>(PyObject_GetAttrString(config.ptr(), field.name));
    if (!value) throw py::error_already_set();
    set_field(&out, field, value.ptr());
  }
  return out;
}

py::dict config_dict(const pe_config& config) {
  py::dict out;
  for (const ConfigField& field : kConfigFields) out[field.name] = get_field(config, field);
  return out;
}

py::dict default_config() {
  pe_config config;
  pe_config_init(&config);
  return config_dict(config);
}

}  // namespace presence_py
