#!/usr/bin/env node
// Benchmarks of the Node.js binding (not unit tests):
//   1. heartbeats through single calls, with a million live sessions;
//   2. batched heartbeats (array, packed string, Buffer);
//   3. event-loop lag while a large number of sessions expire on the
//      native ticker, with the events delivered to a listener.
//
// Usage: bench/node/run.sh [options]   (builds the C baseline, then runs this)
//    or: node --expose-gc bench/node/bench.js [--sessions=N] [--users=N] [--quick]
//          [--scenario=throughput|spread|storm|'storm + app calls'] [--event-buffer=N]
//          [--catch-up=N]
// (build the addon first: cd bindings/node && npm install). Figures are
// printed as a table; the machine is noisy, so compare ratios within a run.
'use strict';

const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const binding = path.join(__dirname, '..', '..', 'bindings', 'node');
const { Engine } = require(binding);
const native = require(path.join(binding, 'lib', 'native'));

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  }),
);
const QUICK = args.quick === 'true';
const SESSIONS = Number(args.sessions ?? (QUICK ? 20_000 : 1_000_000));
const USERS = Number(args.users ?? SESSIONS / 4);
const BATCH = 1000;
// The expiry runs' event buffer. The default keeps the C event log's growth
// (a std::vector moved whole under the engine's lock when it grows) to short
// steps; --event-buffer=4000000 holds a whole 1M-session storm and shows how
// long the largest of those moves stalls a caller.
const EVENT_BUFFER = Number(args['event-buffer'] ?? 1 << 17);
// The expiry runs' maxCatchUpSteps; omitted, the binding's default with a
// ticker (64). --catch-up=0 makes every call catch up with every due timer.
const CATCH_UP = args['catch-up'] === undefined ? undefined : Number(args['catch-up']);

const results = [];
const record = (name, value, unit, note = '') => {
  results.push({ name, value, unit, note });
  console.error(`${name}: ${value} ${unit} ${note}`);
};
const rate = (count, ns) => Math.round((count / Number(ns)) * 1e9);
const now = () => process.hrtime.bigint();

/** 24-byte session ids, 4 sessions per user on average, in a shuffled order. */
function makeIds(count) {
  const ids = new Array(count);
  for (let i = 0; i < count; i++) ids[i] = `sess-${i.toString(36).padStart(8, '0')}-tab-123456`;
  // Flat strings, as ids parsed from the network are (template literals make
  // ropes, which Node-API would flatten on first use).
  const flat = JSON.parse(JSON.stringify(ids));
  for (let i = 0; i < count; i++) ids[i] = flat[i];
  const order = ids.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { ids, order };
}

function openAll(engine, ids) {
  const start = now();
  for (let i = 0; i < ids.length; i++) engine.open(ids[i], { userId: `user-${i % USERS}` });
  return rate(ids.length, now() - start);
}

/** The same workload on the C ABI, if run.sh built the baseline. */
function cBaseline(passes) {
  if (args['c-baseline'] === undefined) return undefined;
  const out = execFileSync(args['c-baseline'], [String(SESSIONS), String(USERS), String(passes)]);
  return JSON.parse(out.toString());
}

function throughput() {
  const engine = new Engine();
  const { ids, order } = makeIds(SESSIONS);
  record(
    'open (single calls)',
    openAll(engine, ids),
    'sessions/s',
    `${SESSIONS} sessions, ${USERS} users`,
  );
  record('live sessions', engine.counts().sessions.alive, 'sessions', `id ~${ids[0].length} bytes`);

  // At least 3 million calls per measurement, so that the JIT has warmed up.
  const passes = QUICK ? 2 : Math.max(3, Math.ceil(3_000_000 / SESSIONS));
  let start = now();
  for (let p = 0; p < passes; p++)
    for (let i = 0; i < order.length; i++) engine.heartbeat(order[i]);
  const single = rate(passes * order.length, now() - start);
  record('heartbeat, single calls', single, 'heartbeats/s', 'random order, engine clock');

  const hints = { activity: 'active', visibility: 'visible' };
  start = now();
  for (let i = 0; i < order.length; i++) engine.heartbeat(order[i], hints);
  record('heartbeat, single calls with hints', rate(order.length, now() - start), 'heartbeats/s');

  const arrays = [];
  for (let i = 0; i < order.length; i += BATCH) arrays.push(order.slice(i, i + BATCH));
  const strings = arrays.map((a) => a.join('\n'));
  const buffers = strings.map((s) => Buffer.from(s));
  const batched = (name, batches, note) => {
    let failed = 0;
    const begin = now();
    for (let p = 0; p < passes; p++)
      for (const b of batches) failed += engine.heartbeatBatch(b).failed;
    if (failed !== 0) throw new Error(`${failed} heartbeats failed`);
    const value = rate(passes * order.length, now() - begin);
    record(name, value, 'heartbeats/s', note);
    return value;
  };
  const batchArray = batched('heartbeat batch, string[]', arrays, `batches of ${BATCH}`);
  const batchString = batched(
    'heartbeat batch, packed string',
    strings,
    `batches of ${BATCH}, '\\n'-separated`,
  );
  const batchBuffer = batched(
    'heartbeat batch, Buffer',
    buffers,
    `batches of ${BATCH}, '\\n'-separated`,
  );
  start = now();
  for (const a of arrays) engine.heartbeatBatch(a.join('\n'));
  record(
    'heartbeat batch, join + packed string',
    rate(order.length, now() - start),
    'heartbeats/s',
    'joining included',
  );
  record('ratio batch (Buffer) / single', (batchBuffer / single).toFixed(2), 'x');
  const c = cBaseline(passes);
  if (c !== undefined) {
    record(
      'C ABI baseline, single calls',
      Math.round(c.single),
      'heartbeats/s',
      'c_baseline.cpp, same ids, shuffled',
    );
    record('C ABI baseline, batch', Math.round(c.batch), 'heartbeats/s', `batches of ${BATCH}`);
    record('ratio binding / C ABI, single calls', (single / c.single).toFixed(2), 'x');
    record('ratio binding / C ABI, batch (Buffer)', (batchBuffer / c.batch).toFixed(2), 'x');
  }
  record('ratio batch (string[]) / single', (batchArray / single).toFixed(2), 'x');
  record('ratio batch (packed string) / single', (batchString / single).toFixed(2), 'x');
  engine.close();
}

/**
 * Watches the event loop: the gaps between consecutive turns of a
 * setImmediate chain (the longest task, event delivery included, or time the
 * thread was descheduled), counted in 10 us buckets so that watching
 * allocates nothing; and monitorEventLoopDelay's histogram.
 */
function loopMonitor() {
  const BUCKET_NS = 10_000;
  const buckets = new Float64Array(10_000); // up to 100 ms; longer ones in the last
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let maxNs = 0;
  let turns = 0;
  let last = now();
  const first = last;
  let spinning = true;
  const spin = () => {
    const t = now();
    const gap = Number(t - last);
    last = t;
    turns++;
    if (gap > maxNs) maxNs = gap;
    buckets[Math.min(buckets.length - 1, Math.floor(gap / BUCKET_NS))]++;
    if (spinning) setImmediate(spin);
  };
  histogram.enable();
  setImmediate(spin);
  return () => {
    spinning = false;
    histogram.disable();
    const seconds = Number(last - first) / 1e9;
    let over1ms = 0;
    for (let b = 1e6 / BUCKET_NS; b < buckets.length; b++) over1ms += buckets[b];
    let seen = 0;
    let p9999 = 0;
    while (seen < turns * 0.9999) seen += buckets[p9999++];
    const ms = (ns) => (ns / 1e6).toFixed(3);
    return {
      maxStall: ms(maxNs),
      p9999Stall: ms(p9999 * BUCKET_NS),
      over1msPerSecond: (over1ms / seconds).toFixed(1),
      turns,
      delay: `${ms(histogram.percentile(50))} / ${ms(histogram.percentile(99))} / ${ms(histogram.max)}`,
    };
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Times every call the event pump makes into the engine on the loop thread
 * (a poll of at most 256 events: the lock wait and the conversion to
 * objects). The pump calls the addon through this module's exports, so
 * wrapping the export here sees each of its calls.
 */
function timePumpPolls() {
  const original = native.enginePollEvents;
  const durations = [];
  native.enginePollEvents = (...callArgs) => {
    const start = now();
    try {
      return original(...callArgs);
    } finally {
      durations.push(Number(now() - start));
    }
  };
  return () => {
    native.enginePollEvents = original;
    durations.sort((a, b) => a - b);
    const ms = (ns) => (ns / 1e6).toFixed(3);
    return {
      polls: durations.length,
      max: ms(durations[durations.length - 1] ?? 0),
      p999: ms(durations[Math.floor(durations.length * 0.999)] ?? 0),
      over1ms: durations.filter((d) => d > 1e6).length,
    };
  };
}

/**
 * A large number of sessions expires (stale, then offline) on the native
 * ticker (the C library's, every 5 ms) while the emitter delivers every
 * event to a listener, and the loop is watched throughout.
 *  - spread: sessions opened on the real clock, so their deadlines spread
 *    over the time opening them took;
 *  - storm: every session opened at one explicit time before the ticker
 *    starts, so all of them expire in the same millisecond;
 *  - storm + app calls: the storm while the application keeps calling the
 *    engine (three heartbeats a millisecond for surviving sessions).
 */
async function expiry(scenario) {
  const engine = new Engine({
    heartbeatActiveMs: 1000,
    heartbeatIdleMs: 1000,
    heartbeatHiddenMs: 1000,
    heartbeatGraceMs: 1000,
    reconnectGraceMs: 1000,
    sessionTtlMs: 3000,
    eventBufferCapacity: EVENT_BUFFER,
    tickIntervalMs: 5,
    maxCatchUpSteps: CATCH_UP,
  });
  const survivors = ['survivor-1', 'survivor-2', 'survivor-3'];
  // The listener is added once the sessions are open: it receives what
  // happens from then on.
  let events = 0;
  let lost = 0;
  let lastSeq = 0;
  const listen = () => {
    engine.on('change', (event) => {
      events++;
      lastSeq = event.seq;
    });
    engine.on('overflow', ({ afterSeq, resumeSeq }) => {
      lost += resumeSeq - afterSeq;
      lastSeq = resumeSeq;
    });
  };
  const { ids } = makeIds(SESSIONS);

  // What the loop looks like with nothing due: the machine's own noise.
  globalThis.gc?.();
  const baseline = loopMonitor();
  await sleep(1000);
  const idle = baseline();

  let expiresFrom = Date.now(); // when the first sessions can expire
  if (scenario === 'spread') {
    for (const s of survivors) engine.open(s, { userId: s });
    openAll(engine, ids);
  } else {
    // Every session is opened at one time t0 set far enough ahead for the
    // opening to finish first: the engine's time stays at t0 until the
    // real clock passes it, so nothing expires before the storm at t0 + 2 s.
    const t0 = Date.now() + Math.ceil(SESSIONS / 50) + 1000;
    expiresFrom = t0 + 2000;
    for (const s of survivors) engine.open(s, { userId: s, now: t0 });
    for (let i = 0; i < ids.length; i++)
      engine.open(ids[i], { userId: `user-${i % USERS}`, now: t0 });
    if (Date.now() > t0) throw new Error('opening took longer than planned: raise the margin');
  }
  listen();
  ids.length = 0; // the ids' garbage must not be collected while watching
  globalThis.gc?.();
  const watch = loopMonitor();
  const polls = timePumpPolls();
  // The application's own calls, timed: each catches up with the timers due
  // by then (at most maxCatchUpSteps of them).
  const calls = [];
  let reopened = 0;
  const beater =
    scenario === 'storm + app calls'
      ? setInterval(() => {
          const start = now();
          for (const s of survivors) {
            try {
              engine.heartbeat(s);
            } catch (error) {
              // Silent past the TTL because a call stalled this thread that
              // long: a client would open it again.
              if (error.code !== 'PE_NOT_FOUND') throw error;
              engine.open(s, { userId: s });
              reopened++;
            }
          }
          calls.push(Number(now() - start));
        }, 1)
      : undefined;
  // Done when only the survivors are left and every event was delivered.
  // stats() is the one read that does not run due timers: any other would
  // run them on this thread and stall the loop it measures.
  const started = Date.now();
  for (;;) {
    await sleep(20);
    const stats = engine.stats();
    if (stats.sessionRecords <= survivors.length && lastSeq >= stats.lastSeq) break;
    if (Date.now() - started > 180_000) throw new Error('expiry did not finish in 3 minutes');
  }
  clearInterval(beater);
  const pump = polls();
  const busy = watch();
  const name = `expiry (${scenario}${CATCH_UP === undefined ? '' : `, maxCatchUpSteps ${CATCH_UP}`})`;
  record(
    `${name}: events delivered`,
    events,
    'events',
    `${SESSIONS} sessions expired in ${Date.now() - Math.max(started, expiresFrom)} ms; ${lost} dropped by the buffer (${EVENT_BUFFER}) before delivery`,
  );
  record(
    `${name}: longest pump poll`,
    pump.max,
    'ms',
    `p99.9 ${pump.p999} ms; ${pump.over1ms} of ${pump.polls} polls over 1 ms`,
  );
  if (scenario === 'storm + app calls') {
    calls.sort((a, b) => a - b);
    const ms = (ns) => (ns / 1e6).toFixed(3);
    record(
      `${name}: longest application call`,
      ms(calls[calls.length - 1] ?? 0),
      'ms',
      `p99 ${ms(calls[Math.floor(calls.length * 0.99)] ?? 0)} ms, p99.9 ${ms(calls[Math.floor(calls.length * 0.999)] ?? 0)} ms; ${calls.filter((d) => d > 1e6).length} of ${calls.length} calls (3 heartbeats each) over 1 ms; survivors re-opened ${reopened} times`,
    );
  }
  record(`${name}: longest loop stall`, busy.maxStall, 'ms', `idle baseline ${idle.maxStall} ms`);
  record(
    `${name}: loop turns over 1 ms`,
    busy.over1msPerSecond,
    'per second',
    `idle baseline ${idle.over1msPerSecond}; p99.99 turn ${busy.p9999Stall} ms (baseline ${idle.p9999Stall})`,
  );
  record(`${name}: loop delay p50 / p99 / max`, busy.delay, 'ms', `idle baseline ${idle.delay} ms`);
  engine.close();
}

async function main() {
  const only = args.scenario;
  if (only === undefined || only === 'throughput') throughput();
  for (const scenario of ['spread', 'storm', 'storm + app calls']) {
    if (only === undefined || only === scenario) await expiry(scenario);
  }
  console.log(
    JSON.stringify({ sessions: SESSIONS, users: USERS, node: process.version, results }, null, 2),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
