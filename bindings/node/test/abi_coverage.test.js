'use strict';

// Every function of the C ABI is used by the addon, so the Node package
// offers every capability of the engine: a new PE_API function in
// presence.h fails this test until it is wrapped, or listed below with the
// reason it is not.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = path.join(__dirname, '..');
// From a clone the header is two levels up; a packed tarball carries a copy.
const HEADER = [
  path.join(PACKAGE, '..', '..', 'capi', 'include', 'presence', 'presence.h'),
  path.join(PACKAGE, 'vendor', 'presence', 'capi', 'include', 'presence', 'presence.h'),
].find((file) => fs.existsSync(file));

/** Functions the addon does not call, each with the reason. */
const NOT_WRAPPED = new Map([
  [
    'pe_engine_close',
    'an Engine closes its own handle; pe_engine_destroy() closes the C engine when the last ' +
      'handle to it, in any thread, is gone (closing it earlier would break the other threads)',
  ],
  ...[
    'pe_replica_init',
    'pe_engine_take_replicas',
    'pe_engine_export_replicas',
    'pe_engine_apply_replicas',
    'pe_engine_node_seen',
    'pe_result_replica_count',
    'pe_result_replica',
  ].map((name) => [
    name,
    'replication records are the raw material of a cluster transport; Node applications ' +
      'get cluster mode from the Redis runtime (pe_cluster_*), wrapped once it is in the C ABI',
  ]),
]);

/** The PE_API function names of the header, in order. */
function apiFunctions(header) {
  const names = [];
  for (const match of header.matchAll(/^PE_API\s[^(;]*?\b(pe_\w+)\s*\(/gm)) names.push(match[1]);
  return names;
}

/** The addon's C++ sources without their comments (a mention is not a use). */
function addonCode() {
  const dir = path.join(PACKAGE, 'src');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cc') || name.endsWith('.h'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

test('the addon uses every function of the C ABI, but for a short list with reasons', () => {
  assert.ok(HEADER, 'presence.h is found');
  const functions = apiFunctions(fs.readFileSync(HEADER, 'utf8'));
  assert.ok(functions.length > 90, `the header parses (${functions.length} functions)`);
  assert.ok(functions.includes('pe_reader_poll_events'));
  const code = addonCode();
  const used = (name) => new RegExp(`\\b${name}\\b`).test(code);
  const missing = functions.filter((name) => !used(name) && !NOT_WRAPPED.has(name));
  assert.deepEqual(missing, [], 'C functions the addon does not wrap');
  // The list only holds functions that exist and are really left out.
  for (const name of NOT_WRAPPED.keys()) {
    assert.ok(functions.includes(name), `${name} is in the header`);
    assert.equal(used(name), false, `${name} is wrapped now: take it off the list`);
  }
});
