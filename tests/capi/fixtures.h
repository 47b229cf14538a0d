/* Shared fixtures of the C tests: a start time, an engine that publishes at
 * once (no debounce), and a user's session opened at that time. */
#ifndef PRESENCE_TESTS_FIXTURES_H
#define PRESENCE_TESTS_FIXTURES_H

#include <stdint.h>

#include "check.h"

static const int64_t T0 = 1700000000000;

static inline pe_engine* make_engine(void) {
  pe_config config;
  pe_engine* engine = NULL;
  pe_config_init(&config);
  config.debounce_active_ms = 0;
  config.debounce_idle_ms = 0;
  config.debounce_away_ms = 0;
  config.debounce_stale_ms = 0;
  config.debounce_offline_ms = 0;
  CHECK_OK(pe_engine_create(&config, &engine));
  return engine;
}

static inline void open_user_session(pe_engine* engine, const char* session, const char* user) {
  pe_open_params params;
  pe_open_params_init(&params);
  params.user_id = user;
  params.user_id_len = strlen(user);
  CHECK_OK(pe_session_open(engine, session, strlen(session), &params, T0, NULL));
}

#endif
