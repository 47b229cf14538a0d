// presence._presence: the extension module. Private; presence/__init__.py
// is the public face. It loads the Python-side types it builds (enums,
// records, exceptions) once, checks that the engine it was linked with speaks
// the ABI it was compiled for, and defines NativeEngine.
#include <pybind11/pybind11.h>

#include <string>

#include "config.h"
#include "engine.h"
#include "enums.h"
#include "errors.h"
#include "presence/presence.h"
#include "reader.h"
#include "records.h"

namespace py = pybind11;

namespace {

// A function returning the C library's name of a value of `type`.
template <class CEnum>
auto engine_name(const presence_py::EnumType& type, const char* (*name)(CEnum),
                 const char* argument) {
  return [&type, name, argument](py::handle value) {
    return std::string(name(static_cast<CEnum>(type.value_of(value.ptr(), argument))));
  };
}

}  // namespace

PYBIND11_MODULE(_presence, m) {
  m.doc() = "Presence Engine's native core (private: import presence instead).";

  if (pe_abi_version() != PE_ABI_VERSION) {
    throw py::import_error("presence: the engine speaks ABI " + std::to_string(pe_abi_version()) +
                           " but this extension was built for ABI " +
                           std::to_string(PE_ABI_VERSION));
  }

  presence_py::load_error_classes();
  presence_py::load_enums();
  presence_py::load_records();

  m.attr("ABI_VERSION") = PE_ABI_VERSION;
  m.def(
      "version", [] { return std::string(pe_version_string()); },
      "Version of the native engine, e.g. '0.1.0'.");
  m.def(
      "version_number", [] { return pe_version_number(); },
      "The engine version as major * 10000 + minor * 100 + patch.");
  m.def(
      "abi_version", [] { return pe_abi_version(); }, "ABI version of the native engine.");
  m.def("default_config", &presence_py::default_config,
        "The engine's default configuration (pe_config_init) as {field: default}.");
  m.def("state_name", engine_name(presence_py::enums().state, &pe_state_name, "state"),
        py::arg("state"), "The engine's lower-case name of a State ('active', ...).");
  m.def("status_name", engine_name(presence_py::enums().status, &pe_status_name, "status"),
        py::arg("status"), "The engine's upper-case name of a Status ('NOT_FOUND', ...).");

  presence_py::define_engine(m);
  presence_py::define_reader(m);
}
