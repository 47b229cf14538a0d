// The page: one session per tab, speaking the reference wire contract
// through the server's presence adapter, and a view kept from a snapshot
// and diffs. No framework and no build step: plain DOM.

import { STATES, createView, applySnapshot, merge } from './view.js';

// ---------------------------------------------------------------------------
// Identity: the user is the person (shared by the tabs of this browser), the
// session is this tab. The session id is the application's, not socket.id:
// kept in sessionStorage, it survives reloads and reconnects, so the server
// continues the same session instead of seeing a leave and a join.
// ---------------------------------------------------------------------------

const USER_KEY = 'presence-demo:user';
const SESSION_KEY = 'presence-demo:session';
const ROOMS_KEY = 'presence-demo:rooms';
// The session's resume token: only this tab's hello got it, and the server
// continues the session on a new connection only for whoever presents it
// (a session id alone, which every snapshot shows, cannot take it over).
const TOKEN_KEY = 'presence-demo:token';

function randomHex(bytes) {
  // getRandomValues works on plain http too (randomUUID needs a secure context).
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

function chooseUser() {
  const fromUrl = new URLSearchParams(location.search).get('user')?.trim();
  if (fromUrl) {
    localStorage.setItem(USER_KEY, fromUrl);
    return fromUrl;
  }
  let user = localStorage.getItem(USER_KEY);
  if (!user) {
    user = `you-${randomHex(2)}`;
    localStorage.setItem(USER_KEY, user);
  }
  return user;
}

/** The tab's session id, or a new one when none is kept or it was another user's. */
function keptSession(userId) {
  try {
    const kept = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (kept && kept.userId === userId && typeof kept.id === 'string') return kept.id;
  } catch {
    // Not ours, or damaged: start afresh.
  }
  return newSession(userId);
}

function newSession(userId) {
  const id = `tab-${randomHex(8)}`;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ id, userId }));
  sessionStorage.removeItem(ROOMS_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
  return id;
}

/**
 * "Duplicate tab" copies sessionStorage, so two live tabs could claim one
 * session id. A new document asks the others whether its id is taken
 * (a reloaded tab's old document is gone and cannot answer).
 */
function claimSession(userId, sessionId) {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(sessionId);
  const channel = new BroadcastChannel('presence-demo');
  const nonce = randomHex(8);
  let mine = sessionId;
  channel.addEventListener('message', ({ data }) => {
    if (data?.type === 'claim' && data.id === mine && data.nonce !== nonce) {
      channel.postMessage({ type: 'taken', id: mine, nonce: data.nonce });
    }
  });
  return new Promise((resolve) => {
    const onTaken = ({ data }) => {
      if (data?.type === 'taken' && data.nonce === nonce) mine = newSession(userId);
    };
    channel.addEventListener('message', onTaken);
    channel.postMessage({ type: 'claim', id: sessionId, nonce });
    setTimeout(() => {
      channel.removeEventListener('message', onTaken);
      resolve(mine);
    }, 120);
  });
}

const userId = chooseUser();
let sessionId = await claimSession(userId, keptSession(userId));
const keptRooms = () => JSON.parse(sessionStorage.getItem(ROOMS_KEY) ?? '[]');
const keepRooms = (rooms) => sessionStorage.setItem(ROOMS_KEY, JSON.stringify([...rooms]));

// ---------------------------------------------------------------------------
// State of the page
// ---------------------------------------------------------------------------

const view = createView();
const feed = [];
const FEED_MAX = 60;
const INTENTS_SHOWN = 8;
let directory = []; // the app's rooms, from the server's welcome
let clockOffset = 0; // server time - Date.now(), from the server's welcome
const joinedRooms = new Set(keptRooms());
let left = false;

const serverNow = () => Date.now() + clockOffset;

// Exposed for the devtools console (and the browser tests): read-only use.
window.presenceDemo = {
  view,
  feed,
  userId,
  get sessionId() {
    return sessionId;
  },
  hellos: [],
};

// ---------------------------------------------------------------------------
// The connection
// ---------------------------------------------------------------------------

const socket = io({ autoConnect: false });

// Heartbeats follow the interval the server asks for (short when active,
// long when hidden or idle). A connection's timers die with it.
let beatTimer;
let activitySinceBeat = false;
const ACTIVITY_GAP_MS = 2_000;
let lastActivitySent = -Infinity;

const visibility = () => (document.visibilityState === 'hidden' ? 'hidden' : 'visible');

function scheduleBeat(ms) {
  clearTimeout(beatTimer);
  beatTimer = setTimeout(beat, ms);
}

async function beat() {
  const activity = activitySinceBeat ? 'active' : 'idle';
  activitySinceBeat = false;
  try {
    const ack = await socket
      .timeout(5_000)
      .emitWithAck('presence:heartbeat', { sessionId, activity, visibility: visibility() });
    scheduleBeat(ack.ok ? ack.heartbeatIntervalMs : 5_000);
  } catch {
    // No ack in time: the connection is in trouble; socket.io reconnects
    // and the hello restarts the beat. Keep trying meanwhile.
    if (socket.connected) scheduleBeat(5_000);
  }
}

socket.on('demo:welcome', (welcome) => {
  clockOffset = welcome.serverTime - Date.now();
  directory = welcome.rooms;
});

// Last seen and confidence move between transitions; the server sends
// what moved every few seconds (users it shows online only).
socket.on('demo:liveness', ({ users }) => {
  for (const [id, liveness] of Object.entries(users)) {
    const user = view.users[id];
    if (user !== undefined && user.status !== 'offline') Object.assign(user, liveness);
  }
  render();
});

socket.on('demo:note', ({ at, text }) => {
  note({ kind: 'note', text, at });
  render();
});

socket.on('presence:snapshot', (snapshot) => {
  applySnapshot(view, snapshot);
  render();
});

socket.on('presence:diff', (diff) => {
  // Everyone's user changes are news; session changes only for this user's
  // own tabs (a crowd's tabs would drown the rest).
  for (const change of merge(view, diff)) {
    if (change.kind !== 'session' || change.userId === userId) note(change);
  }
  render();
});

socket.on('connect', async () => {
  if (left) return;
  setLink('live');
  let ack = await hello();
  if (!ack.ok && ack.error.code === 'PE_DENIED') {
    // The kept session is live on another connection and this tab cannot
    // prove it is its client (its token is gone): it becomes a new session.
    sessionId = newSession(userId);
    showIdentity();
    ack = await hello();
  }
  if (!ack.ok) {
    setLink('refused', ack.error.message);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, ack.resumeToken);
  scheduleBeat(ack.heartbeatIntervalMs);
  // A continued session keeps the visibility it had, which may be the
  // previous document's (or a tab hidden while offline): say what it is now.
  socket.emit('presence:visibility', { sessionId, visibility: visibility() });
  // A continued session kept its rooms; a new one (after the TTL, or a
  // first visit) joins again the rooms this tab was in.
  if (!ack.continued) {
    for (const roomId of joinedRooms) await joinRoom(roomId);
  }
  await watchRooms(directory);
});

socket.on('disconnect', (reason) => {
  clearTimeout(beatTimer);
  if (!left) setLink(reason === 'io client disconnect' ? 'offline' : 'reconnecting');
});

async function hello() {
  const ack = await socket.emitWithAck('presence:hello', {
    sessionId,
    userId,
    sessionMeta: { device: deviceKind() },
    resumeToken: sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  });
  window.presenceDemo.hellos.push(ack);
  return ack;
}

async function watchRooms(rooms) {
  if (rooms.length === 0 || !socket.connected) return;
  const ack = await socket.emitWithAck('presence:subscribe', { rooms });
  if (ack.ok) merge(view, ack.view);
  render();
}

async function joinRoom(roomId) {
  const ack = await socket.emitWithAck('presence:join', { roomId });
  if (ack.ok) {
    joinedRooms.add(roomId);
    merge(view, ack.view);
  }
  keepRooms(joinedRooms);
  render();
}

async function leaveRoom(roomId) {
  const ack = await socket.emitWithAck('presence:leave-room', { roomId });
  if (ack.ok || ack.error.code === 'PE_NOT_FOUND') joinedRooms.delete(roomId);
  keepRooms(joinedRooms);
  render();
}

async function callWhenReady(target) {
  const ack = await socket.emitWithAck('presence:intent', { ...target, ttlMs: 120_000 });
  if (ack.ok) merge(view, { intents: { [ack.intentId]: ack.intent } });
  else note({ kind: 'note', text: `intent refused: ${ack.error.message}`, at: serverNow() });
  render();
}

// ---------------------------------------------------------------------------
// Signals from the human: sampled input, visibility, the network.
// ---------------------------------------------------------------------------

// Input is sampled: every event marks the next heartbeat 'active', and at
// most one activity message goes out per ACTIVITY_GAP_MS, so an idle user
// who moves the mouse is active again at once without flooding the server.
function onInput() {
  activitySinceBeat = true;
  const now = performance.now();
  if (now - lastActivitySent < ACTIVITY_GAP_MS || !socket.connected || left) return;
  lastActivitySent = now;
  socket.emit('presence:activity', { sessionId });
}
for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus']) {
  addEventListener(type, onInput, { capture: true, passive: true });
}

// A document being unloaded (a reload, a navigation, a closing tab) turns
// hidden first; that is not a background tab. Reporting a task later skips
// it: an unloading document runs no more tasks. A real background tab has
// the blur tolerance to spare.
document.addEventListener('visibilitychange', () => {
  setTimeout(() => {
    if (socket.connected && !left) {
      socket.emit('presence:visibility', { sessionId, visibility: visibility() });
    }
  }, 0);
});

// The browser knows before the socket does: close at once when the network
// goes, reconnect at once when it is back (instead of socket.io's backoff).
// The server holds the session through its reconnect grace window.
addEventListener('offline', () => {
  if (left) return;
  socket.disconnect();
  setLink('offline');
});
addEventListener('online', () => {
  if (!left) socket.connect();
});

function deviceKind() {
  return /Mobi|Android|iPhone/i.test(navigator.userAgent) ? 'phone' : 'desktop';
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

/** A tiny element builder: text always goes through textContent. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'onclick') el.addEventListener('click', value);
    else if (key === 'style') el.style.cssText = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function ago(at) {
  const seconds = Math.max(0, Math.round((serverNow() - at) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

function hue(text) {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

function avatar(name, el = h('span', { class: 'avatar' })) {
  el.textContent =
    name
      .replace(/[^\p{L}\p{N}]/gu, '')
      .slice(0, 2)
      .toUpperCase() || '?';
  el.style.setProperty('--hue', hue(name));
  return el;
}

const pill = (state) => h('span', { class: 'pill', 'data-state': state }, state);

function confidence(value) {
  const percent = Math.round(value * 100);
  const bucket = value >= 0.75 ? 'high' : value >= 0.4 ? 'medium' : 'low';
  return h(
    'span',
    { class: 'confidence', 'data-bucket': bucket, title: `confidence ${percent}% (${bucket})` },
    h('span', { class: 'bar' }, h('span', { style: `width:${percent}%` })),
    `${percent}%`,
  );
}

function setLink(state, detail) {
  const el = $('link');
  el.dataset.link = state;
  el.textContent =
    {
      live: 'live',
      reconnecting: 'reconnecting…',
      offline: 'offline',
      refused: 'refused',
      left: 'left',
    }[state] ?? state;
  el.title = detail ?? '';
}

let noted = 0;
function note(change) {
  noted += 1;
  feed.unshift({ ...change, n: noted, at: change.at ?? serverNow() });
  if (feed.length > FEED_MAX) feed.length = FEED_MAX;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const rank = (state) => STATES.indexOf(state ?? 'offline');

function sessionsOf(user) {
  return Object.entries(view.sessions)
    .filter(([, session]) => session.userId === user)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** sim-ada-2 -> tab 2; tab-1f2e3d4c... -> 1f2e3d */
const shortSession = (id) =>
  id.startsWith('sim-') ? `tab ${id.split('-').pop()}` : id.replace(/^tab-/, '').slice(0, 6);

/** This user already waits for `id` to be ready. */
const intentPendingTo = (id) =>
  Object.values(view.intents).some(
    (intent) => intent.fromId === userId && intent.targetId === id && intent.state === 'pending',
  );

/** A room's members with their live state (a user's, or a guest session's), best first. */
const membersOf = (roomId) =>
  Object.entries(view.members[roomId] ?? {})
    .map(([id, member]) => [
      id,
      member.guest ? member.status : (view.users[id]?.status ?? member.status),
    ])
    .sort((a, b) => rank(a[1]) - rank(b[1]) || (a[0] < b[0] ? -1 : 1));

function userRow(id, user) {
  const me = id === userId;
  const intentPending = intentPendingTo(id);
  // Counted from the sessions in view: a tab closing changes no user state,
  // so no user diff comes to update user.sessionCount; its session's does.
  const sessions = sessionsOf(id);
  const seen =
    user.status === 'offline'
      ? `last seen ${ago(user.lastSeenAt)}`
      : `seen ${ago(user.lastSeenAt)}`;
  return h(
    'li',
    { class: `user${me ? ' me' : ''}`, 'data-user': id, 'data-state': user.status },
    avatar(id),
    h(
      'div',
      { class: 'who' },
      h(
        'div',
        { class: 'name' },
        id,
        me ? h('small', {}, ' (you)') : null,
        user.availability && user.availability !== 'available'
          ? h(
              'span',
              { class: 'availability', 'data-availability': user.availability },
              user.availability,
            )
          : null,
      ),
      h(
        'div',
        { class: 'meta' },
        h(
          'span',
          {
            'data-ago': user.lastSeenAt,
            'data-prefix': user.status === 'offline' ? 'last seen ' : 'seen ',
          },
          seen,
        ),
        user.status !== 'offline' ? ` · ${plural(sessions.length, 'session')}` : '',
      ),
      h(
        'div',
        { class: 'sessions' },
        sessions.map(([sid, session]) =>
          h(
            'span',
            {
              class: `session${sid === sessionId ? ' this' : ''}`,
              'data-session': sid,
              'data-state': session.status,
              title: `${sid}: ${session.status}`,
            },
            h('i'),
            sid === sessionId ? 'this tab' : shortSession(sid),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'side' },
      pill(user.status),
      user.status !== 'offline' ? confidence(user.confidence) : null,
      !me
        ? h(
            'button',
            {
              class: 'small',
              type: 'button',
              disabled: intentPending || left,
              title: 'record an intent: ready when they are',
              onclick: () => callWhenReady({ userId: id }),
            },
            intentPending ? 'waiting…' : 'call when ready',
          )
        : null,
    ),
  );
}

function roomCard(roomId) {
  const room = view.rooms[roomId];
  const joined = joinedRooms.has(roomId);
  const actions = h(
    'div',
    { class: 'actions' },
    h(
      'button',
      {
        type: 'button',
        class: joined ? 'ghost small' : 'small',
        disabled: left,
        onclick: () => (joined ? leaveRoom(roomId) : joinRoom(roomId)),
      },
      joined ? 'leave' : 'join',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost small',
        disabled: left,
        onclick: () => callWhenReady({ roomId }),
      },
      'call when ready',
    ),
  );
  if (room === undefined) {
    return h(
      'article',
      { class: 'room empty', 'data-room': roomId },
      h('header', {}, h('h3', {}, `#${roomId}`), actions),
      h('p', { class: 'hint' }, 'nobody yet'),
    );
  }
  const members = membersOf(roomId);
  const total = room.members.active + room.members.idle + room.members.away + room.members.stale;
  const percent = Math.round(room.readiness * 100);
  return h(
    'article',
    {
      class: `room${room.ready ? ' ready' : ''}`,
      'data-room': roomId,
      'data-ready': String(room.ready),
    },
    h(
      'header',
      {},
      h(
        'h3',
        {},
        `#${roomId}`,
        room.countOnly
          ? h(
              'span',
              { class: 'tag', title: 'a large room: occupancy counts only, no member list' },
              'count-only',
            )
          : null,
        room.ready ? h('span', { class: 'tag ready' }, 'ready') : null,
      ),
      actions,
    ),
    h(
      'div',
      { class: 'readiness', title: `readiness ${percent}% (ready at 70%, no longer below 50%)` },
      h('span', { class: 'bar' }, h('span', { style: `width:${percent}%` })),
      h('span', {}, `readiness ${percent}%`),
    ),
    h(
      'div',
      { class: 'stats' },
      h('span', {}, h('b', {}, total), ' here'),
      STATES.slice(0, 4).map((state) =>
        room.members[state] > 0
          ? h(
              'span',
              { class: 'count', 'data-state': state },
              h('i'),
              room.members[state],
              ` ${state}`,
            )
          : null,
      ),
      room.arriving > 0 ? h('span', {}, h('b', {}, room.arriving), ' arriving') : null,
      h(
        'span',
        {
          class: 'momentum',
          title: 'momentum: arrivals and departures per minute (decaying averages)',
        },
        `↗ ${room.arrivalsPerMinute.toFixed(1)}/min · ↘ ${room.departuresPerMinute.toFixed(1)}/min`,
      ),
    ),
    members.length > 0
      ? h(
          'div',
          { class: 'members' },
          members.map(([id, state]) =>
            h(
              'span',
              { class: 'member', 'data-state': state, title: `${id}: ${state}` },
              avatar(id),
              id,
            ),
          ),
        )
      : null,
  );
}

function intentRow(intentId, intent) {
  const mine = intent.fromId === userId;
  const target = intent.targetKind === 'room' ? `#${intent.targetId}` : intent.targetId;
  const text = mine
    ? `You → ${target}`
    : intent.targetId === userId
      ? `${intent.fromId} → you`
      : `${intent.fromId} → ${target}`;
  let status;
  if (intent.state === 'pending')
    status = h(
      'span',
      { 'data-ago-until': intent.expiresAt },
      `expires ${until(intent.expiresAt)}`,
    );
  else if (intent.state === 'ready' && mine) status = h('strong', {}, 'ready — call now!');
  return h(
    'li',
    { class: `intent${mine ? ' mine' : ''}`, 'data-intent': intentId, 'data-state': intent.state },
    h('span', { class: 'pill', 'data-state': intent.state }, intent.state),
    h('span', { class: 'what' }, text),
    status,
    mine && intent.state === 'pending'
      ? h(
          'button',
          {
            type: 'button',
            class: 'ghost small',
            onclick: () => socket.emitWithAck('presence:cancel-intent', { intentId }),
          },
          'cancel',
        )
      : null,
  );
}

function until(at) {
  const seconds = Math.max(0, Math.round((at - serverNow()) / 1000));
  return seconds < 90 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

function feedRow(change) {
  const time = new Date(change.at).toLocaleTimeString([], { hour12: false });
  let text;
  switch (change.kind) {
    case 'user':
      text =
        change.from === 'offline'
          ? `${change.id} arrived (${change.to})`
          : change.to === 'offline'
            ? `${change.id} left`
            : `${change.id}: ${change.from} → ${change.to}`;
      break;
    case 'session':
      text = `session ${change.id.slice(0, 16)}: ${change.from} → ${change.to}`;
      break;
    case 'member':
      text = `${change.id} ${change.to} #${change.roomId}`;
      break;
    case 'room':
      text = `#${change.id} is ${change.to}`;
      break;
    case 'intent':
      text = `${change.intent.fromId}'s call to ${change.intent.targetId}: ${change.to}`;
      break;
    case 'availability':
      text = `${change.id} is ${change.to}`;
      break;
    default:
      text = change.text;
  }
  return h(
    'li',
    {
      'data-kind': change.kind,
      'data-id': change.id,
      'data-to': change.to,
      'data-room': change.roomId,
    },
    h('time', {}, time),
    text,
  );
}

/**
 * Puts `items` ([key, build]) in `container`, keeping the element of every
 * key it already shows: rows that did not change are not rebuilt, and the
 * DOM is not touched at all when nothing did. A crowd sends diffs many
 * times a second, and a rebuilt button loses the click being made on it.
 */
function reconcile(container, items) {
  const before = shown.get(container) ?? new Map();
  const after = new Map();
  const nodes = items.map(([key, build]) => {
    const node = before.get(key) ?? build();
    after.set(key, node);
    return node;
  });
  shown.set(container, after);
  const children = container.children;
  if (nodes.length !== children.length || nodes.some((node, i) => children[i] !== node)) {
    container.replaceChildren(...nodes);
  }
}
const shown = new WeakMap();

let renderQueued = false;

/** Renders at most once per 100 ms however many diffs arrive. */
function render() {
  if (renderQueued) return;
  renderQueued = true;
  setTimeout(draw, 100);
}

function draw() {
  renderQueued = false;
  const users = Object.entries(view.users);
  const here = users
    .filter(([, u]) => u.status !== 'offline')
    .sort(([a, x], [b, y]) =>
      a === userId ? -1 : b === userId ? 1 : rank(x.status) - rank(y.status) || (a < b ? -1 : 1),
    );
  const gone = users
    .filter(([, u]) => u.status === 'offline')
    .sort(([, x], [, y]) => y.lastSeenAt - x.lastSeenAt);
  const userItem = ([id, user]) => [
    JSON.stringify([id, user, sessionsOf(id), intentPendingTo(id), left]),
    () => userRow(id, user),
  ];
  reconcile($('users'), here.map(userItem));
  reconcile($('gone-users'), gone.slice(0, 30).map(userItem));
  $('people-count').textContent = `${here.length} here`;
  $('gone-count').textContent = `(${gone.length})`;

  for (const state of STATES.slice(0, 4)) {
    $('counts').querySelector(`[data-count="${state}"] dd`).textContent = here.filter(
      ([, u]) => u.status === state,
    ).length;
  }
  $('counts').querySelector('[data-count="sessions"] dd').textContent = Object.keys(
    view.sessions,
  ).length;

  const roomIds = [...new Set([...directory, ...Object.keys(view.rooms)])].sort();
  reconcile(
    $('rooms'),
    roomIds.map((roomId) => [
      JSON.stringify([
        roomId,
        view.rooms[roomId],
        membersOf(roomId),
        joinedRooms.has(roomId),
        left,
      ]),
      () => roomCard(roomId),
    ]),
  );

  // This user's own intents (and those to it) first, then the newest; the
  // ended ones stay a minute. A crowd makes many: a few are enough.
  const involvesMe = (intent) => intent.fromId === userId || intent.targetId === userId;
  const intents = Object.entries(view.intents)
    .filter(([, i]) => i.state === 'pending' || Date.now() - i.changedAt < 60_000)
    .sort(([, a], [, b]) => involvesMe(b) - involvesMe(a) || b.changedAt - a.changedAt)
    .slice(0, INTENTS_SHOWN);
  reconcile(
    $('intents'),
    intents.length > 0
      ? intents.map(([id, intent]) => [JSON.stringify([id, intent]), () => intentRow(id, intent)])
      : [['none', () => h('li', { class: 'hint' }, 'No pending intents.')]],
  );

  reconcile(
    $('feed'),
    feed.map((change) => [change.n, () => feedRow(change)]),
  );

  const mine = view.sessions[sessionId];
  const meState = left ? 'offline' : (mine?.status ?? 'offline');
  $('me-state').dataset.state = meState;
  $('me-state').textContent = meState;
  const readiness = view.readiness[userId];
  $('me-readiness').textContent =
    readiness === undefined
      ? ''
      : `Your readiness: ${Math.round(readiness.readiness * 100)}% — ${readiness.ready ? 'ready for a call' : 'not ready for calls'}`;
}

// Relative times move with the clock, not with data: refresh their text only.
setInterval(() => {
  for (const el of document.querySelectorAll('[data-ago]'))
    el.textContent = `${el.dataset.prefix ?? ''}${ago(Number(el.dataset.ago))}`;
  for (const el of document.querySelectorAll('[data-ago-until]'))
    el.textContent = `expires ${until(Number(el.dataset.agoUntil))}`;
}, 1_000);

// ---------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------

$('availability').addEventListener('change', async (event) => {
  const ack = await socket.emitWithAck('presence:availability', {
    availability: event.target.value,
  });
  if (!ack.ok) note({ kind: 'note', text: `availability refused: ${ack.error.message}` });
  render();
});

$('signin').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('signin-name').value.trim();
  if (!name || name === userId) return;
  const url = new URL(location.href);
  url.searchParams.set('user', name);
  location.assign(url);
});

$('leave').addEventListener('click', async () => {
  if (left) {
    left = false;
    $('leave').textContent = 'Leave (end this session)';
    socket.connect();
    return;
  }
  // An explicit exit: offline now, for everyone, without waiting for the TTL.
  await socket.emitWithAck('presence:leave', { sessionId });
  left = true;
  clearTimeout(beatTimer);
  socket.disconnect();
  setLink('left');
  $('leave').textContent = 'Come back';
  render();
});

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

function showIdentity() {
  $('me-name').textContent = userId;
  $('me-session').textContent = sessionId;
}

showIdentity();
avatar(userId, $('me-avatar'));
$('signin-name').placeholder = userId;
socket.connect();
render();
