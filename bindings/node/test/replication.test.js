'use strict';

// Cluster mode through replication records: one node's session changes,
// carried by hand (as a transport would) to another node, which then
// answers for both; a node no longer seen ages out.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Status, TooFarBehindError } = require('..');
const { t, engineFor } = require('./helpers');

/** Two nodes of one cluster. */
function cluster(tc, options = {}) {
  return {
    a: engineFor(tc, { nodeId: 'node-a', ...options }),
    b: engineFor(tc, { nodeId: 'node-b', ...options }),
  };
}

test("a node's session changes replicate, never its heartbeats", (tc) => {
  const { a, b } = cluster(tc);
  a.open('tab', { userId: 'ann', meta: '{"device":"laptop"}', now: t(0) });
  a.joinRoom('tab', 'standup', { now: t(0) });
  const records = a.takeReplicas();
  assert.ok(records.length >= 1);
  const last = records.at(-1);
  assert.deepEqual(last, {
    sessionId: 'tab',
    userId: 'ann',
    nodeId: 'node-a',
    version: last.version,
    state: 'active',
    reconnecting: false,
    visible: true,
    connected: true,
    ended: false,
    since: t(0),
    lastSignalAt: t(0),
    lastActivityAt: t(0),
    heartbeatIntervalMs: 15_000,
    meta: '{"device":"laptop"}',
    roomIds: ['standup'],
  });
  assert.deepEqual(a.takeReplicas(), [], 'taken once');
  a.heartbeat('tab', { now: t(5) });
  assert.deepEqual(a.takeReplicas(), [], 'heartbeats are not replicated');

  // The records survive JSON, as a transport carries them.
  const applied = b.applyReplicas(JSON.parse(JSON.stringify(records)), { now: t(5) });
  assert.equal(applied.failed, 0);
  assert.deepEqual(
    Array.from(applied.statuses),
    records.map(() => Status.OK),
  );
  const remote = b.getSession('tab', { now: t(5) });
  assert.equal(remote.nodeId, 'node-a');
  assert.equal(remote.state, 'active');
  assert.equal(b.getUser('ann', { now: t(5) }).user.state, 'active');
  assert.deepEqual(
    b.listMembers('standup', { now: t(5) }).members.map((m) => m.memberId),
    ['ann'],
  );
  assert.equal(a.getSession('tab', { now: t(5) }).nodeId, 'node-a');
  // A node ignores its own records; signals on a remote session are refused.
  assert.equal(a.applyReplicas(records, { now: t(5) }).failed, 0);
  assert.throws(() => b.heartbeat('tab', { now: t(6) }), { name: 'NotFoundError' });
});

test('export pages every live session a node owns', (tc) => {
  const { a, b } = cluster(tc);
  for (let i = 0; i < 5; i++) a.open(`tab-${i}`, { userId: `u${i}`, now: t(0) });
  const seen = [];
  let cursor = 0;
  do {
    const page = a.exportReplicas({ cursor, limit: 2, now: t(1) });
    assert.ok(page.records.length <= 2);
    seen.push(...page.records);
    cursor = page.cursor;
  } while (cursor !== 0);
  assert.deepEqual(seen.map((r) => r.sessionId).sort(), [
    'tab-0',
    'tab-1',
    'tab-2',
    'tab-3',
    'tab-4',
  ]);
  b.applyReplicas(seen, { now: t(1) });
  assert.equal(b.counts({ now: t(1) }).sessions.alive, 5);
  assert.throws(() => a.exportReplicas({ limit: 0 }), { name: 'InvalidArgumentError' });
});

test('sessions of a node no longer seen age out as silent sessions do', (tc) => {
  const { a, b } = cluster(tc, { nodeTimeoutMs: 5000 });
  a.open('tab', { userId: 'ann', now: t(0) });
  b.applyReplicas(a.takeReplicas(), { now: t(0) });
  b.nodeSeen('node-a', { now: t(4) });
  assert.equal(b.getSession('tab', { now: t(8) }).state, 'active');
  // Silent since t(4) + 5 s: stale once overdue, offline past the TTL.
  assert.equal(b.getUser('ann', { now: t(200) }).user.state, 'offline');
});

test('an overflowing outbox says so: export everything again', (tc) => {
  const { a } = cluster(tc, { replicationBuffer: 2 });
  for (let i = 0; i < 4; i++) a.open(`tab-${i}`, { now: t(i) });
  assert.throws(() => a.takeReplicas(), TooFarBehindError);
  assert.equal(a.exportReplicas({ now: t(5) }).records.length, 4);
});

test('malformed records are refused with the place named, and nothing is applied', (tc) => {
  const { a, b } = cluster(tc);
  a.open('tab', { userId: 'ann', now: t(0) });
  const [good] = a.takeReplicas();
  const invalid = (pattern) => ({ name: 'InvalidArgumentError', message: pattern });
  const apply = (records) => () => b.applyReplicas(/** @type {any} */ (records), { now: t(1) });
  assert.throws(apply(null), invalid(/records must be an array/));
  assert.throws(apply([42]), invalid(/records\[0\] must be an object/));
  assert.throws(
    apply([{ ...good, sessionId: 7 }]),
    invalid(/records\[0\]\.sessionId must be a string/),
  );
  assert.throws(apply([{ ...good, nodeId: undefined }]), invalid(/records\[0\]\.nodeId/));
  assert.throws(apply([{ ...good, userId: 'a\uD800' }]), invalid(/lone UTF-16 surrogate/));
  assert.throws(
    apply([good, { ...good, state: 'busy' }]),
    invalid(/records\[1\]\.state must be one of/),
  );
  assert.throws(apply([{ ...good, version: -1 }]), invalid(/version/));
  assert.throws(apply([{ ...good, ended: 'no' }]), invalid(/ended must be a boolean/));
  assert.throws(apply([{ ...good, since: -5 }]), invalid(/since/));
  assert.throws(apply([{ ...good, roomIds: 'standup' }]), invalid(/roomIds must be an array/));
  assert.throws(apply([{ ...good, roomIds: [3] }]), invalid(/roomIds\[0\] must be a string/));
  assert.throws(() => b.nodeSeen(''), { name: 'InvalidArgumentError' });
  assert.throws(() => b.nodeSeen('node-a', { now: -1 }), invalid(/now must be between/));
  assert.throws(() => a.takeReplicas({ maxRecords: -1 }), invalid(/maxRecords/));
  assert.equal(b.counts({ now: t(1) }).sessions.alive, 0, 'nothing was applied');
  // Each record stands alone once the batch is well formed.
  const result = b.applyReplicas([good, { ...good, sessionId: '', version: 1 }], { now: t(1) });
  assert.equal(result.failed, 1);
  assert.deepEqual(Array.from(result.statuses), [Status.OK, Status.INVALID_ARGUMENT]);
  a.close();
  assert.throws(() => a.takeReplicas(), { name: 'ClosedError' });
});
