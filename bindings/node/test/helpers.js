'use strict';

// Shared by the tests: an engine with the documented defaults and no
// debounce (as the core's own tests use), and readable times.

const { Engine } = require('..');

/** t(5) = 5 seconds after the test epoch, in ms. */
const EPOCH = 1_700_000_000_000;
const t = (seconds) => EPOCH + Math.round(seconds * 1000);

const NO_DEBOUNCE = {
  debounceActiveMs: 0,
  debounceIdleMs: 0,
  debounceAwayMs: 0,
  debounceStaleMs: 0,
  debounceOfflineMs: 0,
};

/** The native ticker on the real clock; a silent session ends after 100 ms. */
const FAST_TICKER = {
  tickIntervalMs: 5,
  heartbeatActiveMs: 20,
  heartbeatIdleMs: 20,
  heartbeatHiddenMs: 20,
  heartbeatGraceMs: 20,
  reconnectGraceMs: 20,
  sessionTtlMs: 100,
};

/** An engine closed after the test. */
function engineFor(testContext, options = {}) {
  const engine = new Engine({ ...NO_DEBOUNCE, ...options });
  testContext.after(() => engine.close());
  return engine;
}

/** Resolves with the next `count` emissions of `event`. */
function collect(emitter, event, count) {
  return new Promise((resolve) => {
    const seen = [];
    const listener = (value) => {
      seen.push(value);
      if (seen.length === count) {
        emitter.off(event, listener);
        resolve(seen);
      }
    };
    emitter.on(event, listener);
  });
}

module.exports = { EPOCH, t, NO_DEBOUNCE, FAST_TICKER, engineFor, collect };
