'use strict';

// The page in headless Chromium against the real server: what people see
// when they have several tabs, hide one, lose the network or reload.
// Each test uses its own user, watched from another browser context (another
// person) whose page must show no flap.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  TEST_ENGINE,
  startServer,
  launchBrowser,
  until,
  getJson,
  openTab,
  pageErrors,
  userOn,
  feedAbout,
} = require('./helpers');

let server;
let browser;
let watcher; // another person's page, in its own context

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  watcher = await openTab(await browser.newContext(), server.url, 'watcher');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(pageErrors, [], 'the pages threw');
});

/** Runs `body` in a fresh browser context (a person), closed on every path. */
async function inContext(body) {
  const context = await browser.newContext();
  try {
    await body(context);
  } finally {
    await context.close();
  }
}

/** The watcher's view of a session (undefined once it went offline). */
const sessionOnWatcher = (sessionId) =>
  watcher.evaluate((id) => window.presenceDemo.view.sessions[id], sessionId);

const sessionIdOf = (page) => page.evaluate(() => window.presenceDemo.sessionId);

/**
 * Every change the watcher heard about a user, as "from>to"; the first is
 * the arrival. A flap would show as more.
 */
async function transitions(user) {
  const changes = await feedAbout(watcher, user);
  return changes
    .filter((change) => change.kind === 'user')
    .map((change) => `${change.from}>${change.to}`)
    .reverse();
}

/** Hides or shows a page as the browser would for a background tab. */
function setHidden(page, hidden) {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (value ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('two tabs of one user: one closes, the user stays active', () =>
  inContext(async (context) => {
    const first = await openTab(context, server.url, 'tabby');
    const second = await openTab(context, server.url, 'tabby');
    const [firstId, secondId] = [await sessionIdOf(first), await sessionIdOf(second)];
    assert.notEqual(firstId, secondId, 'each tab is its own session');
    await until('the watcher to see both tabs', async () => {
      const [a, b] = [await sessionOnWatcher(firstId), await sessionOnWatcher(secondId)];
      return a?.status === 'active' && b?.status === 'active';
    });
    assert.equal((await userOn(watcher, 'tabby')).status, 'active');

    await second.close();
    // The closed tab's session lives through the reconnect grace (3 s),
    // turns stale, and expires at its TTL (6 s after its last beat).
    await until(
      'the closed tab to expire',
      async () => (await sessionOnWatcher(secondId)) === undefined,
      15_000,
    );
    assert.equal((await sessionOnWatcher(firstId)).status, 'active');
    assert.equal((await userOn(watcher, 'tabby')).status, 'active');
    assert.deepEqual(await transitions('tabby'), ['offline>active'], 'the user never changed');
    // The page shows it: one session left, still active.
    const row = watcher.locator('li.user[data-user="tabby"]');
    assert.equal(await row.getAttribute('data-state'), 'active');
    assert.equal(await row.locator('.session').count(), 1);
    const report = await getJson(server.url, '/api/whos-online');
    assert.equal(report.users.tabby.status, 'active');
    assert.equal(report.users.tabby.sessionCount, 1);
  }));

test('a hidden tab goes away after the blur tolerance; the visible one keeps the user active', () =>
  inContext(async (context) => {
    const front = await openTab(context, server.url, 'hider');
    const back = await openTab(context, server.url, 'hider');
    const [frontId, backId] = [await sessionIdOf(front), await sessionIdOf(back)];
    await until(
      'both tabs active',
      async () => (await sessionOnWatcher(backId))?.status === 'active',
    );

    const hiddenAt = Date.now();
    await setHidden(back, true);
    await until(
      'the hidden tab to be away',
      async () => (await sessionOnWatcher(backId))?.status === 'away',
    );
    // Not before the blur tolerance (600 ms) and its debounce (200 ms).
    assert.ok(Date.now() - hiddenAt >= 800, `away after ${Date.now() - hiddenAt} ms`);
    assert.equal((await sessionOnWatcher(frontId)).status, 'active');
    assert.equal((await userOn(watcher, 'hider')).status, 'active');
    assert.deepEqual(await transitions('hider'), ['offline>active']);
    // The tab's own page shows its session away, the other tab active.
    const chips = back.locator('li.user[data-user="hider"] .session');
    await until(
      'the hidden tab to show itself away',
      async () =>
        (await back.locator(`.session[data-session="${backId}"]`).getAttribute('data-state')) ===
        'away',
    );
    assert.equal(await chips.count(), 2);

    // Back to the foreground: active again.
    await setHidden(back, false);
    await until(
      'the tab to be active again',
      async () => (await sessionOnWatcher(backId))?.status === 'active',
    );
  }));

test('a tab offline and back inside the grace window: no leave on another page', () =>
  inContext(async (context) => {
    const tab = await openTab(context, server.url, 'nomad');
    const sessionId = await sessionIdOf(tab);
    await tab.locator('.room[data-room="standup"] button', { hasText: 'join' }).click();
    await until('the watcher to see nomad in #standup', () =>
      watcher.evaluate(() => window.presenceDemo.view.members.standup?.nomad?.status === 'active'),
    );

    await context.setOffline(true);
    // The server holds the session: reconnecting, not gone.
    await until('the server to see the drop', async () => {
      const report = await getJson(server.url, '/api/whos-online');
      return report.counts.sessions.reconnecting === 1;
    });
    assert.equal(await tab.locator('#link').getAttribute('data-link'), 'offline');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // well inside the 3 s grace
    await context.setOffline(false);
    await until('the tab to say hello again', () =>
      tab.evaluate(() => window.presenceDemo.hellos.length === 2),
    );
    const hellos = await tab.evaluate(() => window.presenceDemo.hellos);
    assert.equal(hellos[1].continued, true, 'the same session continued');
    // Let any late change through the debounce before looking.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.deepEqual(await transitions('nomad'), ['offline>active'], 'no leave, no flap');
    const roomChanges = (await feedAbout(watcher, 'nomad')).filter((c) => c.kind === 'member');
    assert.deepEqual(
      roomChanges.map((c) => c.to),
      ['joined'],
      'no leave of the room',
    );
    assert.equal((await sessionOnWatcher(sessionId)).status, 'active');
    const report = await getJson(server.url, '/api/whos-online');
    assert.equal(report.counts.sessions.reconnecting, 0);
    assert.equal(report.sessions[sessionId].status, 'active');
  }));

test('a reload keeps the session', () =>
  inContext(async (context) => {
    const tab = await openTab(context, server.url, 'reloader');
    const sessionId = await sessionIdOf(tab);
    await tab.reload();
    await tab.waitForFunction(() => window.presenceDemo?.hellos.at(-1)?.ok === true);
    assert.equal(await sessionIdOf(tab), sessionId, 'sessionStorage kept the id');
    const hello = await tab.evaluate(() => window.presenceDemo.hellos[0]);
    assert.equal(hello.continued, true, 'the server continued the session');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.deepEqual(await transitions('reloader'), ['offline>active']);
    const report = await getJson(server.url, '/api/whos-online');
    assert.equal(report.users.reloader.sessionCount, 1);
    // A new tab (fresh sessionStorage) is a new session of the same user.
    const other = await openTab(context, server.url, 'reloader');
    assert.notEqual(await sessionIdOf(other), sessionId);
    assert.equal((await other.evaluate(() => window.presenceDemo.hellos[0])).continued, false);
  }));

test('screenshot: the page lists who the server says is online', async () => {
  const crowd = await startServer({ simulate: 6 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  try {
    const tab = await openTab(context, crowd.url, 'shutterbug');
    // The page's list converges to the server's report (the crowd moves on
    // meanwhile, so compare until one read agrees with the other).
    let shown;
    await until(
      'the list to match /api/whos-online',
      async () => {
        const report = await getJson(crowd.url, '/api/whos-online');
        const online = Object.keys(report.users)
          .filter((id) => report.users[id].status !== 'offline')
          .sort();
        shown = await tab
          .locator('#users li.user')
          .evaluateAll((rows) => rows.map((row) => row.dataset.user).sort());
        return online.length >= 5 && JSON.stringify(shown) === JSON.stringify(online);
      },
      15_000,
    );
    // Six simulated users are named after the first six of the simulator's list.
    const crowdNames = ['ada', 'alan', 'barbara', 'bjarne', 'claude', 'dennis'];
    assert.deepEqual(
      shown.filter((id) => id !== 'shutterbug'),
      crowdNames.filter((id) => shown.includes(id)),
    );
    assert.ok(shown.includes('shutterbug'));
    assert.equal(
      await tab.locator('#users li.user').first().getAttribute('data-user'),
      'shutterbug',
      'you first',
    );
    const file = path.join(os.tmpdir(), `presence-example-${process.pid}.png`);
    try {
      const png = await tab.screenshot({ path: file, fullPage: true });
      assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
      assert.ok(png.length > 20_000, `a real picture (${png.length} bytes)`);
      // The list in the picture is the DOM's: its rows are visible.
      // (Measured in one go in the page: a render may replace the row.)
      const size = await tab.evaluate(() => {
        const rect = document
          .querySelector('li.user[data-user="shutterbug"]')
          .getBoundingClientRect();
        return { width: rect.width, height: rect.height };
      });
      assert.ok(size.width > 200 && size.height > 30, JSON.stringify(size));
    } finally {
      fs.rmSync(file, { force: true });
    }
  } finally {
    await context.close();
    await crowd.stop();
  }
});

test('call when ready: an intent to an empty room turns ready when someone arrives', () =>
  inContext(async (context) => {
    const caller = await openTab(context, server.url, 'caller');
    const room = caller.locator('.room[data-room="pairing"]');
    await room.locator('button', { hasText: 'call when ready' }).click();
    const pending = caller.locator('#intents li[data-state="pending"]');
    await until('the pending intent on the page', async () => (await pending.count()) === 1);
    assert.match(await pending.textContent(), /You → #pairing\s*expires in 2 min/);

    await inContext(async (other) => {
      const callee = await openTab(other, server.url, 'callee');
      await callee.locator('.room[data-room="pairing"] button', { hasText: 'join' }).click();
      const ready = caller.locator('#intents li[data-state="ready"]');
      await until('the intent to be ready', async () => (await ready.count()) === 1);
      assert.match(await ready.textContent(), /You → #pairing.*ready — call now!/);
      assert.equal(await room.getAttribute('data-ready'), 'true');
      assert.equal(await pending.count(), 0);
    });
  }));

test('an idle tab is active again on the first input', async () => {
  const drowsy = await startServer({ engine: { ...TEST_ENGINE, idleAfterMs: 1_500 } });
  try {
    await inContext(async (context) => {
      const tab = await openTab(context, drowsy.url, 'dozer');
      const own = () => userOn(tab, 'dozer');
      await until('the tab to go idle', async () => (await own())?.status === 'idle');
      await tab.mouse.move(200, 200);
      await tab.mouse.move(240, 260);
      await until('the tab to be active', async () => (await own())?.status === 'active', 3_000);
      const seen = (await feedAbout(tab, 'dozer'))
        .filter((change) => change.kind === 'user')
        .map((change) => `${change.from}>${change.to}`)
        .reverse();
      // Its own arrival, published after the snapshot, comes first.
      assert.deepEqual(seen, ['offline>active', 'active>idle', 'idle>active']);
    });
  } finally {
    await drowsy.stop();
  }
});

test('a duplicated tab (sessionStorage copied) becomes a session of its own', () =>
  inContext(async (context) => {
    const original = await openTab(context, server.url, 'twin');
    const kept = await original.evaluate(() => ({ ...sessionStorage }));
    // What the browser's "Duplicate tab" does: the copy starts with the
    // original's sessionStorage, token included.
    const copy = await context.newPage();
    await copy.addInitScript((storage) => {
      if (sessionStorage.length === 0) {
        for (const [key, value] of Object.entries(storage)) sessionStorage.setItem(key, value);
      }
    }, kept);
    await copy.goto(`${server.url}?user=twin`);
    await copy.waitForFunction(() => window.presenceDemo?.hellos.at(-1)?.ok === true);
    const [originalId, copyId] = [await sessionIdOf(original), await sessionIdOf(copy)];
    assert.notEqual(copyId, originalId);
    assert.equal((await copy.evaluate(() => window.presenceDemo.hellos[0])).continued, false);
    await until('the watcher to see two sessions of twin', async () => {
      const [a, b] = [await sessionOnWatcher(originalId), await sessionOnWatcher(copyId)];
      return a?.status === 'active' && b?.status === 'active';
    });
  }));
