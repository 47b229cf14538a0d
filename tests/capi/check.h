/* A minimal test harness for the C tests: CHECK records a failure and goes
 * on; main() returns non-zero if any check failed. */
#ifndef PRESENCE_TESTS_CHECK_H
#define PRESENCE_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

#include "presence/presence.h"

static int g_failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++g_failures;                                                            \
    }                                                                          \
  } while (0)

/* The call returns `expected`, and a failure comes with a message. */
#define CHECK_STATUS(call, expected)                                                          \
  do {                                                                                        \
    pe_status got_ = (call);                                                                  \
    if (got_ != (expected)) {                                                                 \
      fprintf(stderr, "%s:%d: %s returned %s (%s), expected %s\n", __FILE__, __LINE__, #call, \
              pe_status_name(got_), pe_last_error_message(), pe_status_name(expected));       \
      ++g_failures;                                                                           \
    } else if (got_ != PE_OK && pe_last_error_message()[0] == '\0') {                         \
      fprintf(stderr, "%s:%d: %s failed without a message\n", __FILE__, __LINE__, #call);     \
      ++g_failures;                                                                           \
    }                                                                                         \
  } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, PE_OK)

/* Text arguments from string literals. */
#define S(literal) literal, (sizeof(literal) - 1)

static int finish(const char* name) {
  if (g_failures != 0) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, g_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

#endif
