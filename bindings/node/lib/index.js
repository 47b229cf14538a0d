// @ts-check
'use strict';

// presence-engine: the CommonJS entry point (lib/index.mjs is the ESM one).
// test/types/exports.ts proves that index.d.ts describes these exports.

const native = require('./native');
const { Engine } = require('./engine');
const { DEFAULTS } = require('./options');
const { attachPresence } = require('./socketio/adapter');
const { whosOnline } = require('./socketio/wire');

/** @returns {import('../index').Versions} */
function versions() {
  return native.versions();
}

// Shorthand names and a spread require only: Node's ESM loader reads the
// names from this statement to give index.mjs its named exports.
module.exports = {
  Engine,
  DEFAULTS,
  versions,
  attachPresence,
  whosOnline,
  ...require('./errors'),
};
