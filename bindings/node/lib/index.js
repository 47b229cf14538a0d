// @ts-check
'use strict';

// presence-engine: the CommonJS entry point (lib/index.mjs is the ESM one).
// test/types/exports.ts proves that index.d.ts describes these exports.

const native = require('./native');
const { Engine } = require('./engine');
const { Reader } = require('./reader');
const { DEFAULTS } = require('./options');
const { attachPresence } = require('./socketio/adapter');
const { whosOnline } = require('./socketio/wire');

/** The Content-Type of the Prometheus text exposition 0.0.4. */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** @returns {import('../index').Versions} */
function versions() {
  return native.versions();
}

// Shorthand names and a spread require only: Node's ESM loader reads the
// names from this statement to give index.mjs its named exports.
module.exports = {
  Engine,
  Reader,
  DEFAULTS,
  versions,
  attachPresence,
  whosOnline,
  PROMETHEUS_CONTENT_TYPE,
  ...require('./errors'),
};
