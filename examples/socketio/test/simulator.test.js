'use strict';

// The simulator against a real engine, its randomness pinned: a reconnect
// storm that drops every session at once makes no user flap.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('presence-engine');
const { Simulator } = require('../lib/simulator');
const { TEST_ENGINE, until } = require('./helpers');

test('a reconnect storm inside the grace window publishes nothing', async () => {
  const engine = new Engine(TEST_ENGINE);
  // 0.5: one tab each, interacting and visible, and no random move fires
  // (every move's chance per tick is below 0.5); 0.1 makes the storm hit all.
  let roll = 0.5;
  const notes = [];
  const simulator = new Simulator(engine, {
    users: 6,
    rooms: ['standup'],
    reconnectGraceMs: engine.config.reconnectGraceMs,
    onNote: (text) => notes.push(text),
    random: () => roll,
  });
  try {
    simulator.start();
    await until('the crowd to arrive', () => engine.counts().users.active === 6);
    await until('the arrivals to be published', () => engine.snapshot().users.length === 6);
    const events = [];
    engine.on('change', (event) => events.push(event));

    roll = 0.1;
    simulator.storm(engine.now());
    roll = 0.5;
    assert.deepEqual(notes, ['reconnect storm: 6 of 6 simulated sessions dropped at once']);
    assert.equal(engine.counts().sessions.reconnecting, 6);
    // They come back within a fifth of the grace; wait the whole grace and
    // the debounce, so that a stale or an offline would have been published.
    await until('every session back', () => engine.counts().sessions.reconnecting === 0);
    await new Promise((resolve) => setTimeout(resolve, engine.config.reconnectGraceMs + 500));
    assert.deepEqual(
      events.filter((event) => event.kind === 'user' || event.kind === 'session'),
      [],
    );
    assert.equal(engine.counts().users.active, 6);
  } finally {
    simulator.stop();
    engine.close();
  }
});
