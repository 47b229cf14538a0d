// @ts-check
'use strict';

// Loads the compiled addon (built by cmake-js at install time) and hands it
// the error classes, once per environment: each worker thread loads its own
// instance of this module and of the addon's per-environment state.

const path = require('node:path');
const errors = require('./errors');

const ADDON_PATH = path.join(__dirname, '..', 'build', 'Release', 'presence.node');

/** @returns {any} */
function load() {
  try {
    return require(ADDON_PATH);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `presence-engine: the native addon could not be loaded from ${ADDON_PATH} (${reason}). ` +
        'It is compiled when the package is installed; run `npm rebuild presence-engine` ' +
        '(needs cmake and a C++17 compiler).',
      { cause: error },
    );
  }
}

/**
 * The addon: one function per C entry point; see src/api.h.
 * @type {any}
 */
const native = load();
// Index = status value: the class the addon throws for that status.
const classByStatus = [];
for (const cls of Object.values(errors)) {
  if (typeof cls === 'function' && cls.prototype instanceof errors.PresenceError) {
    classByStatus[/** @type {typeof errors.PresenceError} */ (cls).status] = cls;
  }
}
native.registerErrorClasses(classByStatus);

module.exports = native;
