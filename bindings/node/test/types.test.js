'use strict';

// index.d.ts compiles under tsc --strict, describes exactly what lib/
// exports (test/types/exports.ts), and is usable by strict TypeScript code
// (test/types/usage.ts); lib/ itself is type-checked against it (--checkJs).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

test('tsc --strict accepts the declarations, the JavaScript and the usage examples', () => {
  const root = path.join(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
