'use strict';

// The README's examples run as written and print what the README says.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The fenced block of `language` that follows `marker` (after `from`). */
function blockAfter(marker, language, from = 0) {
  const start = readme.indexOf(marker, from);
  assert.ok(start >= 0, `README has ${marker}`);
  const open = readme.indexOf('```' + language + '\n', start);
  const close = readme.indexOf('\n```', open + 1);
  return readme.slice(open + language.length + 4, close + 1);
}

/** Runs the section's example and compares its output with the README's. */
function runsAsWritten(tc, section) {
  const from = readme.indexOf(section);
  const code = blockAfter(section, 'js');
  const expected = blockAfter('It prints', 'text', from);
  // Inside the package, so that require('presence-engine') resolves to it.
  const dir = fs.mkdtempSync(path.join(__dirname, '..', 'build', 'readme-'));
  tc.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'example.js');
  fs.writeFileSync(file, code);
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(output, expected);
}

test('the quickstart prints what the README says', (tc) => {
  runsAsWritten(tc, '## Quickstart');
});

test('the coordination example prints what the README says', (tc) => {
  runsAsWritten(tc, '## Coordination in one example');
});
