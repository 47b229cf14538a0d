'use strict';

// Shared by the tests: the server as a child process (as a user runs it),
// headless Chromium, and waiting for conditions with a deadline.

const { spawn } = require('node:child_process');
const path = require('node:path');

const SERVER = path.join(__dirname, '..', 'server.js');

/**
 * Thresholds short enough for tests that run in seconds. Nothing goes idle
 * by itself during a test (idle after 30 s); hiding, dropping and expiring
 * happen within a few seconds.
 */
const TEST_ENGINE = {
  tickIntervalMs: 50,
  idleAfterMs: 30_000,
  awayAfterMs: 60_000,
  blurToleranceMs: 600,
  heartbeatActiveMs: 1_000,
  heartbeatIdleMs: 1_000,
  heartbeatHiddenMs: 2_000,
  heartbeatGraceMs: 1_000,
  reconnectGraceMs: 3_000,
  sessionTtlMs: 6_000,
  debounceActiveMs: 100,
  debounceIdleMs: 200,
  debounceAwayMs: 200,
  debounceStaleMs: 200,
  debounceOfflineMs: 200,
};

/**
 * Starts `node server.js` on a free port; resolves once it listens.
 * @param {{ engine?: object, simulate?: number, args?: string[] }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<{ code: number | null, signal: string | null }>, output: () => string }>}
 */
function startServer(options = {}) {
  const args = [
    SERVER,
    '--port',
    '0',
    '--engine',
    JSON.stringify(options.engine ?? TEST_ENGINE),
    '--simulate',
    String(options.simulate ?? 0),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Whatever happens to the test, the server does not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  /** Stops the server (SIGTERM, then SIGKILL after 3 s); resolves with how it exited. */
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    const how = await exited;
    clearTimeout(timer);
    return how;
  };
  return new Promise((resolve, reject) => {
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (more) => (output += more));
        resolve({ url: match[1], stop, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
}

/** Headless Chromium from the Debian package. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Polls `probe` until it returns a truthy value; fails with `what` after `ms`.
 * @template T
 * @param {string} what
 * @param {() => Promise<T> | T} probe
 * @param {number} [ms]
 * @returns {Promise<T>}
 */
async function until(what, probe, ms = 10_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** GET a path of the server as JSON. */
async function getJson(url, pathname) {
  const response = await fetch(new URL(pathname, url));
  if (!response.ok) throw new Error(`${pathname}: HTTP ${response.status}`);
  return response.json();
}

/** Uncaught errors of the pages: a test suite asserts there were none. */
const pageErrors = [];

/**
 * Opens the page as `user` in `context` and waits until it said hello.
 * @param {import('playwright-core').BrowserContext} context
 */
async function openTab(context, url, user) {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${user}: ${error.message}`));
  await page.goto(`${url}?user=${encodeURIComponent(user)}`);
  await page.waitForFunction(() => window.presenceDemo?.hellos.at(-1)?.ok === true);
  return page;
}

/** What a page's view says about a user (undefined if unknown). */
const userOn = (page, user) => page.evaluate((id) => window.presenceDemo.view.users[id], user);

/** The page's feed entries about a user. */
const feedAbout = (page, user) =>
  page.evaluate((id) => window.presenceDemo.feed.filter((change) => change.id === id), user);

module.exports = {
  TEST_ENGINE,
  startServer,
  launchBrowser,
  until,
  getJson,
  openTab,
  pageErrors,
  userOn,
  feedAbout,
};
