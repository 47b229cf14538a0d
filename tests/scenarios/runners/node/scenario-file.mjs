// Loading a scenario file: strict JSON, the schema, then the rules a schema
// cannot state (names defined before use; capabilities declared).

import { readFileSync } from 'node:fs';
import { LoadError, parseJson } from './json.mjs';
import { pathKey, pathIndex } from './paths.mjs';

export { LoadError };

/** Epoch of a file's times when it names none. */
export const DEFAULT_T0 = 1_700_000_000_000;

/** Fields that may carry an enum as a raw number (to send undefined values). */
const ENUM_FIELDS = ['activity', 'visibility', 'min_state', 'availability', 'target_kind'];

/**
 * A JSON file, parsed strictly; throws LoadError naming the file and the place.
 * @param {string} file
 */
export function readJsonFile(file) {
  try {
    return parseJson(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof LoadError) throw new LoadError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * A JSON file valid against `schema`.
 * @param {string} file
 * @param {import('./schema.mjs').Schema} schema
 */
export function loadValid(file, schema) {
  const doc = readJsonFile(file);
  const violation = schema.validate(doc);
  if (violation) throw new LoadError(`${file}: ${violation.path}: ${violation.message}`);
  return doc;
}

/** Calls `visit(value, path)` on every value below `value`, depth first. */
function walk(value, path, visit) {
  visit(value, path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, pathIndex(path, i), visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) walk(child, pathKey(path, key), visit);
  }
}

// A file using raw bytes or raw enum values must say so, so that runners
// which cannot send such input skip the file instead of failing it.
function checkCapabilities(file, doc) {
  const declared = new Set(doc.requires ?? []);
  const need = (capability, path) => {
    if (!declared.has(capability)) {
      throw new LoadError(
        `${file}: ${path}: uses '${capability}' input, so "requires" must list "${capability}"`,
      );
    }
  };
  walk(doc.steps ?? [], '$.steps', (value, path) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'hex')) {
      need('byte_strings', path);
    }
    if (Number.isInteger(value) && ENUM_FIELDS.some((f) => path.endsWith(`.${f}`))) {
      need('raw_enum_values', path);
    }
  });
}

// Names given with "as" are unique and defined before use, by a step of the
// kind the reference needs.
function checkNames(file, doc) {
  /** @type {Map<string, string>} */
  const kindOf = new Map();
  (doc.steps ?? []).forEach((step, i) => {
    const path = pathIndex('$.steps', i);
    const use = (field, kinds) => {
      if (!Object.hasOwn(step, field)) return;
      const name = step[field];
      if (!kinds.includes(kindOf.get(name) ?? '')) {
        throw new LoadError(
          `${file}: ${pathKey(path, field)}: no earlier ${kinds.join(' or ')} step is named '${name}' (with "as")`,
        );
      }
    };
    use('cursor_from', [step.do]); // a cursor comes from a page of the same list
    use('after_seq_from', ['snapshot', 'poll_events', 'fanout']);
    use('intent_from', ['open_intent']);
    if (Object.hasOwn(step, 'as')) {
      if (kindOf.has(step.as)) {
        throw new LoadError(
          `${file}: ${pathKey(path, 'as')}: the name '${step.as}' is already given by an earlier step`,
        );
      }
      kindOf.set(step.as, step.do);
    }
  });
}

/**
 * A valid scenario: { file, doc, t0 }; throws LoadError.
 * @param {string} file
 * @param {import('./schema.mjs').Schema} schema
 */
export function loadScenario(file, schema) {
  const doc = loadValid(file, schema);
  checkCapabilities(file, doc);
  checkNames(file, doc);
  return { file, doc, t0: doc.t0 ?? DEFAULT_T0 };
}
