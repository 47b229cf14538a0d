// The CommonJS entry point of the installed package, and its Socket.IO
// adapter's surface (socket.io itself is an optional peer dependency).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const presence = require('presence-engine');

test('require() gives the same API as import', () => {
  assert.equal(typeof presence.Engine, 'function');
  assert.equal(typeof presence.attachPresence, 'function');
  assert.equal(typeof presence.whosOnline, 'function');
  assert.equal(presence.Status.NOT_FOUND, 2);
  const engine = new presence.Engine();
  engine.close();
  assert.throws(() => engine.now(), presence.ClosedError);
});
