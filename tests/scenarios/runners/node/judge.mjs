// Judging an outcome against the file's promise, and the failure report
// (README.md, "Comparison" and "What a runner does").

import { stringify } from './json.mjs';
import { pathKey, pathIndex } from './paths.mjs';

const TOLERANCE = 1e-9;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRange = (e) =>
  isObject(e) && Object.keys(e).length === 2 && Object.hasOwn(e, 'min') && Object.hasOwn(e, 'max');

/**
 * Partial objects, exact lists, exact integers, other numbers within 1e-9, ranges.
 * @param {unknown} expected
 * @param {unknown} actual
 * @param {string} path
 * @param {Array<{ path: string, expected: unknown, actual: unknown, note: string }>} out
 */
export function compare(expected, actual, path, out) {
  if (isRange(expected) && typeof actual === 'number') {
    if (actual < expected.min || actual > expected.max) {
      out.push({ path, expected, actual, note: 'outside the range' });
    }
  } else if (isObject(expected) && isObject(actual)) {
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) {
        out.push({
          path: pathKey(path, key),
          expected: value,
          actual: null,
          note: 'the runner reports no such field',
        });
      } else {
        compare(value, actual[key], pathKey(path, key), out);
      }
    }
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.push({
        path,
        expected,
        actual,
        note: `expected ${expected.length} items, got ${actual.length}`,
      });
      return;
    }
    expected.forEach((e, i) => compare(e, actual[i], pathIndex(path, i), out));
  } else if (typeof expected === 'number' && typeof actual === 'number') {
    const exact = Number.isInteger(expected) && Number.isInteger(actual);
    if (exact ? expected !== actual : Math.abs(expected - actual) > TOLERANCE) {
      out.push({ path, expected, actual, note: '' });
    }
  } else if (stringify(expected) !== stringify(actual)) {
    out.push({ path, expected, actual, note: '' });
  }
}

/** Prometheus: each expected line is a whole line of the text; no line starts with a prefix. */
function compareLines(expected, lines, path, out) {
  (expected.lines ?? []).forEach((line, i) => {
    if (!lines.includes(line)) {
      out.push({
        path: pathIndex(pathKey(path, 'lines'), i),
        expected: line,
        actual: lines,
        note: 'no line of the text is this one',
      });
    }
  });
  (expected.no_line_starts_with ?? []).forEach((prefix, i) => {
    for (const line of lines) {
      if (line.startsWith(prefix)) {
        out.push({
          path: pathIndex(pathKey(path, 'no_line_starts_with'), i),
          expected: prefix,
          actual: line,
          note: 'a line starts with this',
        });
      }
    }
  });
}

/**
 * What a step (or the engine's creation, with "create_fails") promised,
 * against what happened.
 * @param {Record<string, any>} promise
 * @param {string} failsField
 * @param {{ status: string, message: string, actual: any }} outcome
 * @param {string} path
 */
export function judge(promise, failsField, outcome, path) {
  /** @type {Array<{ path: string, expected: unknown, actual: unknown, note: string }>} */
  const out = [];
  const failsPath = pathKey(path, failsField);
  if (Object.hasOwn(promise, failsField)) {
    const fails = promise[failsField];
    const status = typeof fails === 'string' ? fails : fails.status;
    if (outcome.status !== status) {
      out.push({
        path: failsPath,
        expected: status,
        actual: outcome.status,
        note: outcome.message,
      });
    } else if (isObject(fails) && !outcome.message.includes(fails.message_contains)) {
      out.push({
        path: pathKey(failsPath, 'message_contains'),
        expected: fails.message_contains,
        actual: outcome.message,
        note: 'the message does not contain the text',
      });
    }
  } else if (outcome.status !== 'OK') {
    out.push({ path, expected: 'OK', actual: outcome.status, note: outcome.message });
  } else if (Object.hasOwn(promise, 'expect') && promise.do === 'prometheus') {
    compareLines(promise.expect, outcome.actual.lines, pathKey(path, 'expect'), out);
  } else if (Object.hasOwn(promise, 'expect')) {
    // "counts" is strict: every count the file leaves out is expected to be 0.
    const expected =
      promise.do === 'counts'
        ? {
            ...Object.fromEntries(Object.keys(outcome.actual).map((k) => [k, 0])),
            ...promise.expect,
          }
        : promise.expect;
    compare(expected, outcome.actual, pathKey(path, 'expect'), out);
  }
  return out;
}

/** Arrays print one item per line, so long event lists stay readable. */
function render(value, indent) {
  if (!Array.isArray(value) || value.length === 0) return stringify(value);
  return `[\n${value.map((v) => `${indent}  ${stringify(v)}`).join(',\n')}\n${indent}]`;
}

/**
 * A failure report, as README.md shows it.
 * @param {{ file: string, doc: Record<string, any> }} scenario
 * @param {string} where
 * @param {ReturnType<typeof judge>} mismatches
 */
export function report(scenario, where, mismatches) {
  let out = `${scenario.file}\n  ${scenario.doc.title}\n  ${where}\n`;
  for (const m of mismatches) {
    out += `    ${m.path}${m.note === '' ? '' : `  -- ${m.note}`}\n`;
    out += `      expected: ${render(m.expected, '      ')}\n`;
    out += `      actual:   ${render(m.actual, '      ')}\n`;
  }
  return out;
}

/** A step as the report names it: the call, without its promise. */
export function describeStep(step) {
  const { expect: _expect, fails: _fails, note, ...call } = step;
  return stringify(call) + (note === undefined ? '' : `  (${note})`);
}
