// @ts-check
'use strict';

// The C enumerations by name. Numbers cross the addon (it is 1:1 with the C
// ABI); names are the JavaScript API. Values are those of presence.h.

const { InvalidArgumentError } = require('./errors');

/** @type {Readonly<Record<import('../index').State, number>>} */
const STATE = Object.freeze({ offline: 0, stale: 1, away: 2, idle: 3, active: 4 });
/** @type {Readonly<Record<import('../index').Activity, number>>} */
const ACTIVITY = Object.freeze({ active: 1, idle: 2 });
/** @type {Readonly<Record<import('../index').Visibility, number>>} */
const VISIBILITY = Object.freeze({ visible: 1, hidden: 2 });

/** The C "no hint" value (PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN). */
const UNKNOWN = 0;

/**
 * The C value of an optional enum argument; undefined means "no hint".
 * @param {Readonly<Record<string, number>>} table
 * @param {unknown} value
 * @param {string} name
 * @returns {number}
 */
function enumValue(table, value, name) {
  if (value === undefined) return UNKNOWN;
  if (typeof value === 'string' && Object.hasOwn(table, value)) return table[value];
  throw new InvalidArgumentError(
    `${name} must be one of ${Object.keys(table)
      .map((k) => `'${k}'`)
      .join(', ')}, got ${typeof value === 'string' ? `'${value}'` : typeof value}`,
  );
}

module.exports = { STATE, ACTIVITY, VISIBILITY, enumValue };
