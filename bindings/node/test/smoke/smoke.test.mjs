// Smoke test of the packaged artifact, run by packaging/node/smoke-test.sh in
// a fresh project where presence-engine was installed from its tarball.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { Engine, NotFoundError, versions } from 'presence-engine';

test('the installed package loads, tracks presence and publishes events', async () => {
  assert.equal(versions().abiVersion, 1);
  const engine = new Engine({ debounceActiveMs: 0 });
  try {
    const heard = once(engine, 'user');
    assert.equal(engine.open('tab-1', { userId: 'ann', now: 1_000 }).state, 'active');
    assert.equal(engine.heartbeat('tab-1', { now: 2_000 }), 15_000);
    const [event] = await heard;
    assert.equal(event.userId, 'ann');
    assert.equal(engine.counts({ now: 2_000 }).users.alive, 1);
    assert.throws(() => engine.getSession('nope'), NotFoundError);
  } finally {
    engine.close();
  }
});

test('the installed package shares an engine with a worker thread', async () => {
  const engine = new Engine();
  try {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { Engine } = require('presence-engine');
       const shared = Engine.attach(workerData);
       shared.open('from-worker', { userId: 'wendy' });
       shared.close();
       parentPort.postMessage('done');`,
      { eval: true, workerData: engine.share() },
    );
    assert.equal((await once(worker, 'message'))[0], 'done');
    assert.equal(engine.getSession('from-worker').userId, 'wendy');
  } finally {
    engine.close();
  }
});
