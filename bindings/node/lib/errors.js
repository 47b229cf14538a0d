// @ts-check
'use strict';

// One Error subclass per C status (pe_status). The addon throws these
// classes directly (lib/native.js registers them), so no JavaScript wrapper
// converts errors on the hot path. Everything exported here is public.

/**
 * The C status names by value; index = pe_status value. Values never change
 * (presence.h), so neither does this table.
 * @type {ReadonlyArray<import('../index').StatusName>}
 */
const STATUS_NAMES = [
  'OK',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'TOO_FAR_BEHIND',
  'CLOSED',
  'OUT_OF_MEMORY',
  'UNSUPPORTED',
  'INTERNAL',
  'DENIED',
  'IO_ERROR',
  'CORRUPT',
];

/** @type {Readonly<Record<import('../index').StatusName, number>>} */
const Status = Object.freeze(
  /** @type {Record<import('../index').StatusName, number>} */ (
    Object.fromEntries(STATUS_NAMES.map((name, value) => [name, value]))
  ),
);

/** Base class of every error the engine throws; each subclass names its status. */
class PresenceError extends Error {
  /** The pe_status a subclass stands for. */
  static status = Status.INTERNAL;

  /** @param {string} message */
  constructor(message) {
    super(message);
    const status = /** @type {typeof PresenceError} */ (new.target).status;
    this.name = new.target.name;
    /** @type {import('../index').ErrorCode} */
    this.code = /** @type {import('../index').ErrorCode} */ (`PE_${STATUS_NAMES[status]}`);
    this.status = status;
  }
}

/** @type {Array<typeof PresenceError>} index = status value, filled by errorClass() */
const CLASS_BY_STATUS = [];

/**
 * The subclass of PresenceError for one status.
 * @param {string} name
 * @param {number} status
 */
function errorClass(name, status) {
  const cls = class extends PresenceError {
    static status = status;
  };
  Object.defineProperty(cls, 'name', { value: name });
  CLASS_BY_STATUS[status] = cls;
  return cls;
}

const InvalidArgumentError = errorClass('InvalidArgumentError', Status.INVALID_ARGUMENT);
const NotFoundError = errorClass('NotFoundError', Status.NOT_FOUND);
const ConflictError = errorClass('ConflictError', Status.CONFLICT);
const LimitExceededError = errorClass('LimitExceededError', Status.LIMIT_EXCEEDED);
const TooFarBehindError = errorClass('TooFarBehindError', Status.TOO_FAR_BEHIND);
const ClosedError = errorClass('ClosedError', Status.CLOSED);
const OutOfMemoryError = errorClass('OutOfMemoryError', Status.OUT_OF_MEMORY);
const UnsupportedError = errorClass('UnsupportedError', Status.UNSUPPORTED);
const InternalError = errorClass('InternalError', Status.INTERNAL);
const DeniedError = errorClass('DeniedError', Status.DENIED);
const IOError = errorClass('IOError', Status.IO_ERROR);
const CorruptError = errorClass('CorruptError', Status.CORRUPT);

/**
 * The error for a status code, e.g. one taken from a batch's `statuses`.
 * @param {number} status
 * @param {string} [message]
 * @returns {PresenceError | undefined} undefined for Status.OK
 */
function errorForStatus(status, message) {
  if (status === Status.OK) return undefined;
  const cls = CLASS_BY_STATUS[status] ?? InternalError;
  return new cls(message ?? `status ${STATUS_NAMES[status] ?? status}`);
}

module.exports = {
  Status,
  errorForStatus,
  PresenceError,
  InvalidArgumentError,
  NotFoundError,
  ConflictError,
  LimitExceededError,
  TooFarBehindError,
  ClosedError,
  OutOfMemoryError,
  UnsupportedError,
  InternalError,
  DeniedError,
  IOError,
  CorruptError,
};
