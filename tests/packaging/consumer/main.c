/* A C program built against the installed package, as a user would. */
#include <presence/presence.h>
#include <stdio.h>

int main(void) {
  pe_engine* engine = NULL;
  pe_counts counts;
  if (pe_abi_version() != PE_ABI_VERSION) return 1;
  if (pe_engine_create(NULL, &engine) != PE_OK) return 1;
  if (pe_session_open(engine, "tab-1", 5, NULL, PE_NOW, NULL) != PE_OK) return 1;
  pe_counts_init(&counts);
  if (pe_engine_counts(engine, PE_NOW, &counts) != PE_OK || counts.sessions_alive != 1) return 1;
  pe_engine_destroy(engine);
  printf("installed presence %s works\n", pe_version_string());
  return 0;
}
