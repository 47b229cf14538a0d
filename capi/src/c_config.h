// The configuration record as callers pass it, merged over the defaults.
#pragma once

#include "model/config.h"
#include "presence/presence.h"

namespace presence::capi {

// Fields a caller's older pe_config lacks keep their defaults; NULL means
// all defaults. PE_INVALID_ARGUMENT for a record that was not initialised.
// The values are checked later, by Engine::create().
pe_status read_config(const pe_config* config, core::Config* out);

}  // namespace presence::capi
