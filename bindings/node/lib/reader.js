// @ts-check
'use strict';

// Reader: the redacted, optionally room-scoped view of an engine that a
// server hands to its clients (pe_reader_*). Results never carry the truth
// behind what is shown: no trueState / trueAvailability, no transport ids,
// invisible users shown offline (and, in a room, not at all).

const native = require('./native');
const { InvalidArgumentError } = require('./errors');
const { toChanges } = require('./events');
const { DEFAULT_PAGE, optionsObject, minState, allPages } = require('./args');

/** See index.d.ts for the documentation of every member. */
class Reader {
  /** @type {unknown} */
  #r;
  /**
   * The engine the reader reads. Held only to keep it from being collected
   * (and closed by its finalizer) while the reader is in use.
   * @type {object}
   */
  #engine;
  /** @type {string | null} */
  #roomId;

  /**
   * Made by Engine.reader(), not by applications.
   * @param {object} engine
   * @param {unknown} handle the addon's reader
   * @param {string | null} roomId
   */
  constructor(engine, handle, roomId) {
    this.#engine = engine;
    this.#r = handle;
    this.#roomId = roomId;
  }

  get roomId() {
    return this.#roomId;
  }

  get engine() {
    return /** @type {import('../index').Engine} */ (this.#engine);
  }

  get closed() {
    return native.readerIsClosed(this.#r);
  }

  close() {
    native.readerClose(this.#r);
  }

  [Symbol.dispose]() {
    this.close();
  }

  /** @param {import('../index').TimeOptions} [options] */
  counts(options) {
    return native.readerCounts(this.#r, optionsObject(options).now);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  listUsers(options) {
    if (this.#roomId !== null) {
      throw new InvalidArgumentError('a reader of a room lists its members: use listMembers()');
    }
    return this.#list(options);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  users(options) {
    return allPages((o) => this.listUsers(o), 'users', options);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  listMembers(options) {
    if (this.#roomId === null) {
      throw new InvalidArgumentError('a reader of the whole engine lists users: use listUsers()');
    }
    return this.#list(options);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  members(options) {
    return allPages((o) => this.listMembers(o), 'members', options);
  }

  /**
   * @param {string} userId
   * @param {import('../index').TimeOptions} [options]
   */
  getUser(userId, options) {
    return native.readerGetUser(this.#r, userId, optionsObject(options).now);
  }

  /** @param {import('../index').TimeOptions} [options] */
  snapshot(options) {
    return native.readerSnapshot(this.#r, optionsObject(options).now);
  }

  /**
   * @param {number} afterSeq
   * @param {number} [max]
   */
  pollEvents(afterSeq, max) {
    return toChanges(native.readerPollEvents(this.#r, afterSeq, max ?? 0));
  }

  /**
   * One page of users or members: the addon names the records by the scope.
   * @param {unknown} options
   */
  #list(options) {
    const o = optionsObject(options);
    const limit = o.limit ?? DEFAULT_PAGE;
    return native.readerListUsers(this.#r, minState(o), o.cursor, limit, o.now);
  }
}

module.exports = { Reader };
