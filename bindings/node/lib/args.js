// @ts-check
'use strict';

// Argument helpers shared by Engine and Reader: their reads take the same
// options objects and page the same way.

const { InvalidArgumentError } = require('./errors');
const { STATE, requiredEnum } = require('./enums');

/** Page size of the list reads when none is given. */
const DEFAULT_PAGE = 50;

/**
 * An options argument as an object; undefined is {}, anything else throws.
 * @param {unknown} options
 * @returns {Record<string, any>}
 */
function optionsObject(options) {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options must be an object');
  }
  return /** @type {Record<string, any>} */ (options);
}

/**
 * The C value of a list's minimum state; 'stale' (every one online) when omitted.
 * @param {Record<string, any>} options
 */
function minState(options) {
  return options.minState === undefined
    ? STATE.stale
    : requiredEnum(STATE, options.minState, 'minState');
}

/**
 * Every record of a paged list, page after page from `options.cursor`.
 * @template {string} Key
 * @template Item
 * @param {(options: Record<string, any>) => Record<Key, Item[]> & { cursor: string | null }} listPage
 * @param {Key} key the page's array of records
 * @param {unknown} options
 * @returns {Generator<Item, void, undefined>}
 */
function* allPages(listPage, key, options) {
  const o = optionsObject(options);
  let cursor = o.cursor;
  do {
    const page = listPage({ ...o, cursor });
    yield* page[key];
    cursor = page.cursor;
  } while (cursor !== null);
}

module.exports = { DEFAULT_PAGE, optionsObject, minState, allPages };
