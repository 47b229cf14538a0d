// JSON paths as every runner prints them: `$.name`, `$["odd key"]`, `$[3]`.

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * @param {string} path
 * @param {string} key
 */
export function pathKey(path, key) {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * @param {string} path
 * @param {number} index
 */
export function pathIndex(path, index) {
  return `${path}[${index}]`;
}
