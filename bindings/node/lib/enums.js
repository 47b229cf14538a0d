// @ts-check
'use strict';

// The C enumerations by name. Numbers cross the addon (it is 1:1 with the C
// ABI); names are the JavaScript API. The names come from the addon itself
// (src/convert.cc), so the names of inputs, records and events are written
// once; their TypeScript unions are in index.d.ts.

const native = require('./native');
const { InvalidArgumentError } = require('./errors');

/**
 * Per C enum, its names by value (null where the enum defines no value).
 * @type {{
 *   state: import('../index').State[],
 *   availability: import('../index').Availability[],
 *   activity: Array<import('../index').Activity | null>,
 *   visibility: Array<import('../index').Visibility | null>,
 *   confidence: import('../index').ConfidenceBucket[],
 *   targetKind: Array<import('../index').TargetKind | null>,
 *   intentState: import('../index').IntentState[],
 *   eventKind: Array<import('../index').PresenceEvent['kind'] | null>,
 * }}
 */
const NAMES = native.enumNames();

/**
 * Name -> C value, from the names by value.
 * @template {string} Name
 * @param {ReadonlyArray<Name | null>} names
 * @returns {Readonly<Record<Name, number>>}
 */
function byName(names) {
  /** @type {Record<string, number>} */
  const table = {};
  names.forEach((name, value) => {
    if (name !== null) table[name] = value;
  });
  return Object.freeze(/** @type {Record<Name, number>} */ (table));
}

const STATE = byName(NAMES.state);
const ACTIVITY = byName(NAMES.activity);
const VISIBILITY = byName(NAMES.visibility);
const AVAILABILITY = byName(NAMES.availability);
const TARGET_KIND = byName(NAMES.targetKind);

/** The C "no hint" value (PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN). */
const UNKNOWN = 0;

/**
 * The C value of an enum argument.
 * @param {Readonly<Record<string, number>>} table
 * @param {unknown} value
 * @param {string} name
 * @returns {number}
 */
function requiredEnum(table, value, name) {
  if (typeof value === 'string' && Object.hasOwn(table, value)) return table[value];
  throw new InvalidArgumentError(
    `${name} must be one of ${Object.keys(table)
      .map((k) => `'${k}'`)
      .join(', ')}, got ${typeof value === 'string' ? `'${value}'` : typeof value}`,
  );
}

/**
 * The C value of an optional hint; undefined means "no hint".
 * @param {Readonly<Record<string, number>>} table
 * @param {unknown} value
 * @param {string} name
 * @returns {number}
 */
function enumValue(table, value, name) {
  return value === undefined ? UNKNOWN : requiredEnum(table, value, name);
}

module.exports = {
  NAMES,
  STATE,
  ACTIVITY,
  VISIBILITY,
  AVAILABILITY,
  TARGET_KIND,
  enumValue,
  requiredEnum,
};
