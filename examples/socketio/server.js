#!/usr/bin/env node
// @ts-check
'use strict';

// Who's online, live: node server.js [--port 3000] [--host 127.0.0.1]
//   [--simulate N] [--engine '{"idleAfterMs": 5000}']
// Environment: PORT, HOST, PRESENCE_SIMULATE, PRESENCE_ENGINE (the same
// JSON). Prints "listening on <url>" once it accepts connections.

const { parseArgs } = require('node:util');
const { createApp } = require('./lib/app');

const USAGE = `usage: node server.js [--port N] [--host H] [--simulate N] [--engine JSON]
  --port      port to listen on (0: any free one); env PORT; default 3000
  --host      address to bind; env HOST; default 127.0.0.1
  --simulate  simulated users driving the engine; env PRESENCE_SIMULATE; default 0
  --engine    engine thresholds as JSON, e.g. '{"idleAfterMs":5000}'; env PRESENCE_ENGINE`;

/**
 * @param {string} name
 * @param {string} text
 * @param {number} max
 */
function integer(name, text, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be an integer in 0..${max}, got '${text}'`);
  }
  return value;
}

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      simulate: { type: 'string' },
      engine: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const engineText = values.engine ?? process.env.PRESENCE_ENGINE;
  const engine = engineText === undefined || engineText === '' ? {} : JSON.parse(engineText);
  if (engine === null || typeof engine !== 'object' || Array.isArray(engine)) {
    throw new Error('--engine must be a JSON object of engine options');
  }
  return {
    port: integer('--port', values.port ?? process.env.PORT ?? '3000', 65535),
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    simulate: integer(
      '--simulate',
      values.simulate ?? process.env.PRESENCE_SIMULATE ?? '0',
      10_000,
    ),
    engine,
  };
}

async function main() {
  let config;
  try {
    config = options();
  } catch (error) {
    console.error(`server: ${/** @type {Error} */ (error).message}\n${USAGE}`);
    process.exit(2);
  }
  // The engine checks its options (unknown names, inconsistent thresholds).
  const app = createApp({ engine: config.engine, simulate: config.simulate });
  const url = await app.listen(config.port, config.host);
  console.log(`listening on ${url}`);
  if (config.simulate > 0) console.log(`simulating ${config.simulate} users`);
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`server: closing failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`server: ${error.message}`);
  process.exit(1);
});
