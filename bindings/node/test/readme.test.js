'use strict';

// The README's quickstart runs as written and prints what the README says.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The fenced block of `language` that follows `marker`. */
function blockAfter(marker, language) {
  const start = readme.indexOf(marker);
  assert.ok(start >= 0, `README has ${marker}`);
  const open = readme.indexOf('```' + language + '\n', start);
  const close = readme.indexOf('\n```', open + 1);
  return readme.slice(open + language.length + 4, close + 1);
}

test('the quickstart prints what the README says', (tc) => {
  const code = blockAfter('## Quickstart', 'js');
  const expected = blockAfter('It prints:', 'text');
  // Inside the package, so that require('presence-engine') resolves to it.
  const dir = fs.mkdtempSync(path.join(__dirname, '..', 'build', 'readme-'));
  tc.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'quickstart.js');
  fs.writeFileSync(file, code);
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(output, expected);
});
