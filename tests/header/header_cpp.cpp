// The public headers compile as strict C++ with every warning an error.
#include "presence/presence.h"
#include "presence/presence.hpp"

int main() {
  pe_config config;
  pe_config_init(&config);
  presence::Engine engine(config);
  return pe_abi_version() == PE_ABI_VERSION ? 0 : 1;
}
