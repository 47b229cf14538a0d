// The ES module entry point: named and default exports, the same classes
// and addon as the CommonJS entry point.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import presence, {
  Engine,
  NotFoundError,
  PresenceError,
  IOError,
  CorruptError,
  attachPresence,
  versions,
} from 'presence-engine';

const require = createRequire(import.meta.url);

test('named and default exports are the CommonJS exports', () => {
  const cjs = require('presence-engine');
  assert.equal(Engine, cjs.Engine);
  assert.equal(presence.Engine, Engine);
  assert.equal(NotFoundError, cjs.NotFoundError);
  assert.equal(IOError, cjs.IOError);
  assert.equal(CorruptError, cjs.CorruptError);
  assert.equal(new CorruptError('x').code, 'PE_CORRUPT');
  assert.equal(typeof attachPresence, 'function');
  assert.equal(versions().abiVersion, 1);
});

test('errors thrown through the ESM entry are the exported classes', () => {
  const engine = new Engine();
  try {
    assert.throws(
      () => engine.getSession('missing'),
      (error) => {
        assert.ok(error instanceof NotFoundError);
        assert.ok(error instanceof PresenceError);
        return true;
      },
    );
  } finally {
    engine.close();
  }
});
