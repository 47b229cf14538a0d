// pe_config seen from Python: presence.Config (presence/_config.py) has one
// attribute per pe_config field, in the same order, with the same names.
#pragma once

#include <pybind11/pybind11.h>

#include "presence/presence.h"

namespace presence_py {

// pe_config from a presence.Config (any object with every field as an
// attribute). Text fields (node_id) borrow from `config`, which must outlive
// the returned value's use. Raises TypeError for a value of the wrong type,
// InvalidArgumentError for one out of its C type's range.
pe_config read_config(pybind11::handle config);

// A pe_config as {field: value}: int, float, bool, or str/None for node_id.
pybind11::dict config_dict(const pe_config& config);

// config_dict() of pe_config_init(): the engine's defaults.
pybind11::dict default_config();

}  // namespace presence_py
