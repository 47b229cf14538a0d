'use strict';

// Shared by the adapter tests: a real socket.io server on loopback with the
// adapter attached, real socket.io-client sockets, and a browser tab's view
// kept from snapshots, acks and diffs exactly as the README tells clients to.

const http = require('node:http');
const { once } = require('node:events');
const { Server } = require('socket.io');
const { io: connect } = require('socket.io-client');
const { Engine, attachPresence } = require('..');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Short thresholds on the real clock: a tab beats every 500 ms, a dropped
// transport is held 300 ms, a silent session ends after 1.2 s.
const ENGINE_OPTIONS = {
  tickIntervalMs: 10,
  heartbeatActiveMs: 500,
  heartbeatIdleMs: 500,
  heartbeatHiddenMs: 500,
  heartbeatGraceMs: 500,
  reconnectGraceMs: 300,
  sessionTtlMs: 1200,
  blurToleranceMs: 100,
  debounceActiveMs: 20,
  debounceIdleMs: 20,
  debounceAwayMs: 20,
  debounceStaleMs: 20,
  debounceOfflineMs: 20,
};

async function startServer(tc, adapterOptions = {}, engineOptions = {}) {
  const engine = new Engine({ ...ENGINE_OPTIONS, ...engineOptions });
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const attachment = attachPresence(io, engine, { diffIntervalMs: 20, ...adapterOptions });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  const url = `http://127.0.0.1:${httpServer.address().port}`;
  const clients = new Set();
  tc.after(async () => {
    for (const client of clients) client.close();
    attachment.close();
    await new Promise((resolve) => io.close(resolve));
    engine.close();
  });
  return { engine, io, url, attachment, clients };
}

/** A connected client socket, closed after the test. */
async function connectSocket(server, options = {}) {
  const socket = connect(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...options,
  });
  server.clients.add(socket);
  await once(socket, 'connect');
  return socket;
}

/** What a page shows: replaced by a snapshot, updated by acks' views and diffs. */
class View {
  constructor() {
    this.reset({ users: {}, sessions: {} });
  }

  /** presence:snapshot replaces everything. */
  reset(snapshot) {
    this.users = { ...snapshot.users };
    this.sessions = { ...snapshot.sessions };
    this.rooms = {};
    this.members = {};
    this.intents = {};
    this.readiness = {};
    this.merge(snapshot);
  }

  /** A diff, or the view of a join or subscribe ack: entries are absolute. */
  merge(part) {
    Object.assign(this.users, part.users);
    Object.assign(this.sessions, part.sessions);
    Object.assign(this.rooms, part.rooms);
    Object.assign(this.intents, part.intents);
    Object.assign(this.readiness, part.readiness);
    for (const [roomId, members] of Object.entries(part.members ?? {})) {
      Object.assign((this.members[roomId] ??= {}), members);
    }
    for (const [userId, availability] of Object.entries(part.availability ?? {})) {
      if (this.users[userId] !== undefined) this.users[userId].availability = availability;
    }
  }

  /** The members of a room that did not leave. */
  memberIds(roomId) {
    return Object.entries(this.members[roomId] ?? {})
      .filter(([, member]) => member.status !== 'offline')
      .map(([id]) => id)
      .sort();
  }
}

/**
 * A browser tab: connects, says hello, keeps its view from snapshots and
 * diffs, and beats (unless `beat` is false).
 */
async function openTab(server, hello, { beat = true, subscribed = true, socket } = {}) {
  const tab = {
    socket: socket ?? (await connectSocket(server)),
    diffs: [],
    snapshots: 0,
    view: new View(),
    timer: undefined,
  };
  tab.socket.on('presence:snapshot', (snapshot) => {
    tab.snapshots++;
    tab.view.reset(snapshot);
  });
  tab.socket.on('presence:diff', (diff) => {
    tab.diffs.push(diff);
    tab.view.merge(diff);
  });
  const snapshot = once(tab.socket, 'presence:snapshot');
  tab.ack = await tab.socket.emitWithAck('presence:hello', hello);
  if (tab.ack.ok && subscribed) [tab.snapshot] = await snapshot;
  if (beat && tab.ack.ok) {
    const every = tab.ack.heartbeatIntervalMs / 3;
    tab.timer = setInterval(() => {
      tab.socket.emit(
        'presence:heartbeat',
        { sessionId: hello.sessionId, activity: 'active' },
        () => {},
      );
    }, every);
    tab.socket.on('disconnect', () => clearInterval(tab.timer));
  }
  /** Sends a message and returns its ack, merging a view it carries. */
  tab.ask = async (event, message) => {
    const ack = await tab.socket.emitWithAck(event, message);
    if (ack.ok && ack.view !== undefined) tab.view.merge(ack.view);
    return ack;
  };
  return tab;
}

async function until(predicate, what, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

module.exports = { sleep, until, startServer, connectSocket, openTab, View };
