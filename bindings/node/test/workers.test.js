'use strict';

// One engine shared by worker threads: attach by token, signals and reads
// from any thread, events delivered to each thread's own listeners, and the
// engine ends only when the last handle, in any thread, is closed.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { once } = require('node:events');
const { Worker } = require('node:worker_threads');
const { Engine } = require('..');
const { NO_DEBOUNCE, collect } = require('./helpers');

const WORKER = path.join(__dirname, 'fixtures', 'worker.js');

/** A worker attached to `engine`, driven by request/response messages. */
function spawn(engine) {
  const worker = new Worker(WORKER, { workerData: { token: engine.share() } });
  let next = 0;
  const call = (action, args = {}) => {
    const id = ++next;
    return new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.id !== id) return;
        worker.off('message', onMessage);
        if (message.error) reject(Object.assign(new Error(message.error.name), message.error));
        else resolve(message.result);
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, action, args });
    });
  };
  return { worker, call };
}

test('a worker attaches to the engine: its signals are seen by the main thread', async () => {
  const engine = new Engine(NO_DEBOUNCE);
  const { worker, call } = spawn(engine);
  try {
    const heard = collect(engine, 'user', 1);
    const opened = await call('open', { sessionId: 'w-1', userId: 'wendy' });
    assert.deepEqual(
      { ...opened, resumeToken: undefined },
      { continued: false, heartbeatIntervalMs: 15_000, state: 'active', resumeToken: undefined },
    );
    assert.equal(engine.getSession('w-1').userId, 'wendy');
    // Published on the worker's thread, delivered on the main thread's loop.
    const [event] = await heard;
    assert.equal(event.userId, 'wendy');
    assert.equal(event.newState, 'active');
    engine.heartbeat('w-1');
    assert.equal(await call('session', { sessionId: 'w-1' }), 'active');
  } finally {
    await worker.terminate();
    engine.close();
  }
});

test("each thread's listeners get every event, with their own cursor", async () => {
  const engine = new Engine(NO_DEBOUNCE);
  const { worker, call } = spawn(engine);
  try {
    assert.equal(await call('listen', { count: 4 }), 'listening');
    const mine = collect(engine, 'change', 4);
    const theirs = once(worker, 'message');
    engine.open('a', { userId: 'ann' });
    engine.open('b', { userId: 'bob' });
    assert.deepEqual(
      (await mine).map((ev) => ev.seq),
      [1, 2, 3, 4],
    );
    assert.deepEqual((await theirs)[0], { heard: [1, 2, 3, 4] });
  } finally {
    await worker.terminate();
    engine.close();
  }
});

test('threads use the engine at once; counts stay exact', async () => {
  const engine = new Engine(NO_DEBOUNCE);
  const workers = [spawn(engine), spawn(engine), spawn(engine)];
  try {
    for (const [i, w] of workers.entries())
      await w.call('open', { sessionId: `w${i}`, userId: `u${i}` });
    engine.open('main', { userId: 'm' });
    const beating = workers.map((w, i) =>
      w.call('heartbeats', { sessionId: `w${i}`, count: 20_000 }),
    );
    for (let i = 0; i < 20_000; i++) engine.heartbeat('main');
    assert.deepEqual(await Promise.all(beating), [20_000, 20_000, 20_000]);
    const stats = engine.stats();
    assert.equal(stats.signals, 4 + 4 * 20_000);
    assert.equal(engine.counts().sessions.alive, 4);
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    engine.close();
  }
});

test('the engine lives until the last handle in any thread is closed', async () => {
  const engine = new Engine(NO_DEBOUNCE);
  const token = engine.share();
  const { worker, call } = spawn(engine);
  try {
    await call('open', { sessionId: 'w-1', userId: 'wendy' });
    engine.close(); // the main thread's handle only
    assert.throws(() => engine.now(), { code: 'PE_CLOSED' });
    assert.equal(await call('session', { sessionId: 'w-1' }), 'active');
    const late = Engine.attach(token); // still alive through the worker's handle
    assert.equal(late.getSession('w-1').userId, 'wendy');
    assert.equal(await call('close'), true);
    late.close(); // the last handle: the engine ends
    assert.throws(() => Engine.attach(token), { code: 'PE_CLOSED' });
  } finally {
    await worker.terminate();
  }
});

test('a worker that exits without closing releases its handle and subscription', async () => {
  const engine = new Engine(NO_DEBOUNCE);
  const token = engine.share();
  const { worker, call } = spawn(engine);
  await call('listen', { count: 1_000_000 }); // subscribed, never satisfied
  await call('open', { sessionId: 'w-1' });
  const exited = once(worker, 'exit');
  call('exit').catch(() => {});
  await exited;
  // Events published now find no subscriber from the dead worker.
  engine.open('after-exit');
  engine.close();
  // The worker's handle was released when its environment ended.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.throws(() => Engine.attach(token), { code: 'PE_CLOSED' });
});

test('terminating a busy worker never crashes the engine', async () => {
  const engine = new Engine(NO_DEBOUNCE);
  try {
    const { worker, call } = spawn(engine);
    await call('open', { sessionId: 'w-1' });
    call('heartbeats', { sessionId: 'w-1', count: 10_000_000 }).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.terminate();
    engine.heartbeat('w-1');
    assert.equal(engine.getSession('w-1').state, 'active');
  } finally {
    engine.close();
  }
});
