/* The public header compiles as strict C99 with every warning an error. */
#include "presence/presence.h"

int main(void) {
  pe_config config;
  pe_config_init(&config);
  return pe_abi_version() == PE_ABI_VERSION ? 0 : 1;
}
