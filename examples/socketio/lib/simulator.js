// @ts-check
'use strict';

// A crowd of bots driving the engine directly, so that a fresh page shows
// what presence looks like with people in it: several tabs and devices per
// user, people who stop interacting (idle, away), tabs sent to the
// background, dropped connections that come back inside the reconnect
// grace (no flap) or after it (stale), reconnect storms, people leaving and
// coming back, rooms joined and left, and "call when ready" intents.
//
// Bots call the engine as the adapter would for a socket (open with the
// session id the client owns, heartbeat at the interval the engine asks
// for, activity, visibility, disconnect, leave); they just skip Socket.IO.

const { PresenceError, NotFoundError } = require('presence-engine');

const NAMES = (
  'ada alan barbara bjarne claude dennis donald edsger frances grace guido hedy ivan james joan ' +
  'john ken leslie linus lovelace margaret niklaus radia rich rob shafi sophie tim tony vint ' +
  'whitfield yukihiro'
).split(' ');
const DEVICES = ['laptop', 'desktop', 'phone', 'tablet'];
const TICK_MS = 500;

/**
 * Mean times between a bot's random moves, in ms: each tick a move happens
 * with the probability that gives this mean (a Poisson process).
 */
const MEAN = {
  stopInteracting: 25_000,
  startInteracting: 20_000,
  interact: 1_500,
  hide: 45_000,
  show: 15_000,
  drop: 150_000,
  leave: 400_000,
  comeBack: 30_000,
  joinRoom: 60_000,
  leaveRoom: 120_000,
  intent: 150_000,
  storm: 60_000,
};

/**
 * @typedef {object} Bot
 * @property {string} sessionId
 * @property {string} userId
 * @property {string} meta
 * @property {'up' | 'dropped' | 'gone'} link
 * @property {boolean} interacting
 * @property {boolean} visible
 * @property {number} beatAt when the next heartbeat is due (engine time)
 * @property {number} backAt while dropped or gone: when it reconnects
 */

class Simulator {
  /**
   * @param {import('presence-engine').Engine} engine
   * @param {{ users: number, rooms: string[], reconnectGraceMs: number,
   *   onNote?: (text: string) => void, random?: () => number }} options
   */
  constructor(engine, options) {
    this.engine = engine;
    this.rooms = options.rooms;
    this.graceMs = options.reconnectGraceMs;
    this.onNote = options.onNote ?? (() => {});
    this.random = options.random ?? Math.random;
    /** @type {Bot[]} */
    this.bots = [];
    /** @type {string[]} */
    this.userIds = [];
    /** @type {NodeJS.Timeout | undefined} */
    this.timer = undefined;
    this.lastTick = 0;
    for (let u = 0; u < options.users; u += 1) {
      const round = Math.floor(u / NAMES.length);
      const userId = `${NAMES[u % NAMES.length]}${round === 0 ? '' : round + 1}`;
      this.userIds.push(userId);
      // Most people have one tab; some a few, on different devices.
      const tabs = 1 + (this.random() < 0.4 ? 1 : 0) + (this.random() < 0.15 ? 1 : 0);
      for (let t = 0; t < tabs; t += 1) {
        const device = DEVICES[Math.floor(this.random() * DEVICES.length)];
        this.bots.push({
          sessionId: `sim-${userId}-${t + 1}`,
          userId,
          meta: JSON.stringify({ device, simulated: true }),
          link: 'gone',
          interacting: this.random() < 0.7,
          visible: this.random() < 0.75,
          beatAt: 0,
          backAt: 0,
        });
      }
    }
  }

  start() {
    if (this.timer !== undefined) return;
    const now = this.engine.now();
    // Arrive over the first seconds, not all at once.
    for (const bot of this.bots) bot.backAt = now + this.random() * 4_000;
    this.lastTick = now;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    // The simulator never keeps the process alive on its own.
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One step of every bot. */
  tick() {
    const now = this.engine.now();
    const elapsed = Math.max(1, now - this.lastTick);
    this.lastTick = now;
    /** @param {number} mean */
    const chance = (mean) => this.random() < 1 - Math.exp(-elapsed / mean);
    if (chance(MEAN.storm)) this.storm(now);
    for (const bot of this.bots) {
      try {
        this.step(bot, now, chance);
      } catch (error) {
        // A bot's call the engine refused (a limit, a session that expired
        // under it) is part of the weather; anything else is a real bug.
        if (!(error instanceof PresenceError)) throw error;
        if (error instanceof NotFoundError) bot.link = 'gone';
      }
    }
  }

  /**
   * @param {Bot} bot
   * @param {number} now
   * @param {(mean: number) => boolean} chance
   */
  step(bot, now, chance) {
    const { engine } = this;
    if (bot.link !== 'up') {
      if (now < bot.backAt) return;
      // A reconnect inside the grace continues the session (no event); a
      // later one, or a return after leaving, starts it again.
      engine.open(bot.sessionId, {
        userId: bot.userId,
        meta: bot.meta,
        visibility: bot.visible ? 'visible' : 'hidden',
      });
      bot.link = 'up';
      bot.beatAt = now;
      if (this.random() < 0.5) this.joinSomeRoom(bot);
      return;
    }
    if (chance(MEAN.leave)) {
      engine.leave(bot.sessionId);
      bot.link = 'gone';
      bot.backAt = now + MEAN.comeBack * (0.5 + this.random());
      return;
    }
    if (chance(MEAN.drop)) {
      this.drop(bot, now);
      return;
    }
    if (bot.interacting ? chance(MEAN.stopInteracting) : chance(MEAN.startInteracting)) {
      bot.interacting = !bot.interacting;
    }
    if (bot.visible ? chance(MEAN.hide) : chance(MEAN.show)) {
      bot.visible = !bot.visible;
      engine.visibility(bot.sessionId, bot.visible ? 'visible' : 'hidden');
    }
    // A page samples input at most every second or so (see public/app.js).
    if (bot.interacting && bot.visible && chance(MEAN.interact)) engine.activity(bot.sessionId);
    if (chance(MEAN.joinRoom)) this.joinSomeRoom(bot);
    if (chance(MEAN.leaveRoom)) this.leaveSomeRoom(bot);
    if (chance(MEAN.intent)) this.openSomeIntent(bot);
    if (now >= bot.beatAt) {
      const interval = engine.heartbeat(bot.sessionId, {
        activity: bot.interacting && bot.visible ? 'active' : 'idle',
        visibility: bot.visible ? 'visible' : 'hidden',
      });
      // Beat a little early, as a client with a jittery timer would.
      bot.beatAt = now + interval * (0.6 + 0.3 * this.random());
    }
  }

  /**
   * The connection dropped: back inside the grace window, but for a share
   * of late ones (stale until they return).
   * @param {Bot} bot
   * @param {number} now
   * @param {number} [lateShare]
   */
  drop(bot, now, lateShare = 0.2) {
    this.engine.disconnect(bot.sessionId);
    bot.link = 'dropped';
    const late = this.random() < lateShare;
    bot.backAt = now + this.graceMs * (late ? 1.2 + this.random() : 0.1 + 0.7 * this.random());
  }

  /**
   * A network blip takes many connections at once (a deploy, a Wi-Fi
   * outage): users with another device stay up, and the rest come back
   * within the grace without a single leave.
   * @param {number} now
   */
  storm(now) {
    const up = this.bots.filter((bot) => bot.link === 'up');
    const hit = up.filter(() => this.random() < 0.4);
    if (hit.length === 0) return;
    for (const bot of hit) this.drop(bot, now, 0);
    this.onNote(
      `reconnect storm: ${hit.length} of ${up.length} simulated sessions dropped at once`,
    );
  }

  /** @param {Bot} bot */
  joinSomeRoom(bot) {
    const roomId = this.rooms[Math.floor(this.random() * this.rooms.length)];
    this.engine.joinRoom(bot.sessionId, roomId);
  }

  /** @param {Bot} bot */
  leaveSomeRoom(bot) {
    const rooms = this.engine.userRooms(bot.userId);
    if (rooms.length === 0) return;
    const room = rooms[Math.floor(this.random() * rooms.length)];
    // The user may be in it through another tab only: a session not in the
    // room cannot leave it.
    try {
      this.engine.leaveRoom(bot.sessionId, room.roomId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  /** @param {Bot} bot */
  openSomeIntent(bot) {
    const toRoom = this.random() < 0.3;
    const targetId = toRoom
      ? this.rooms[Math.floor(this.random() * this.rooms.length)]
      : this.userIds[Math.floor(this.random() * this.userIds.length)];
    if (!toRoom && targetId === bot.userId) return;
    this.engine.openIntent(bot.userId, toRoom ? 'room' : 'user', targetId, {
      kind: 'call',
      ttlMs: 30_000 + Math.floor(this.random() * 60_000),
    });
  }
}

module.exports = { Simulator };
