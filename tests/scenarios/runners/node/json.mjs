// Strict JSON reading for scenario files: the places of syntax errors as
// "line L, column C", and duplicate fields refused with their JSON path
// (JSON.parse keeps the last of two fields silently, which would hide a check).

import { pathKey, pathIndex } from './paths.mjs';

/** A file that is not a valid scenario; `place` is a JSON path or a line. */
export class LoadError extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/**
 * A number literal. An integer a double cannot hold exactly (beyond 2^53)
 * stays exact as a BigInt: rounded, 2^53 + 1 would become the valid 2^53 and
 * a scenario about out-of-range times would test nothing.
 * @param {string} literal
 */
function number(literal) {
  const value = Number(literal);
  if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(value)) return BigInt(literal);
  return value;
}

/**
 * JSON text of a value read by parseJson (BigInts written as their digits).
 * @param {unknown} value
 */
export function stringify(value) {
  const marks = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v !== 'bigint') return v;
    marks.push(String(v));
    return `\u0000bigint${marks.length - 1}`;
  });
  return text === undefined
    ? 'undefined'
    : text.replace(/"\\u0000bigint(\d+)"/g, (_m, i) => marks[Number(i)]);
}

/**
 * Parses `text`; throws LoadError("<place>: <why>").
 * @param {string} text
 * @returns {unknown}
 */
export function parseJson(text) {
  let at = 0;

  const fail = (why, offset = at) => {
    let line = 1;
    let column = 1;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text[i] === '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    throw new LoadError(`line ${line}, column ${column}: syntax error: ${why}`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (char) => {
    skipSpace();
    if (text[at] !== char) fail(`expected '${char}'`);
    at++;
  };
  const token = (pattern, what) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) fail(`invalid ${what}`);
    at = pattern.lastIndex;
    return match[0];
  };

  const value = (path) => {
    skipSpace();
    const c = text[at];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if (c === '"') return JSON.parse(token(STRING, 'string'));
    if (c === '-' || (c >= '0' && c <= '9')) return number(token(NUMBER, 'number'));
    for (const [word, literal] of LITERALS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return literal;
      }
    }
    return fail(at >= text.length ? 'unexpected end of input' : `unexpected '${c}'`);
  };

  const object = (path) => {
    at++;
    /** @type {Record<string, unknown>} */
    const out = {};
    skipSpace();
    if (text[at] === '}') {
      at++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail('expected a field name');
      const key = JSON.parse(token(STRING, 'string'));
      if (Object.hasOwn(out, key)) {
        throw new LoadError(`${pathKey(path, key)}: duplicate field '${key}'`);
      }
      expect(':');
      Object.defineProperty(out, key, {
        value: value(pathKey(path, key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect('}');
      return out;
    }
  };

  const array = (path) => {
    at++;
    const out = [];
    skipSpace();
    if (text[at] === ']') {
      at++;
      return out;
    }
    for (;;) {
      out.push(value(pathIndex(path, out.length)));
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect(']');
      return out;
    }
  };

  const result = value('$');
  skipSpace();
  if (at < text.length) fail(`unexpected '${text[at]}' after the document`);
  return result;
}
