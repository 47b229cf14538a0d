// @ts-check
'use strict';

// Delivers an engine's published events to its EventEmitter.
//
// Who runs where: the engine publishes events on whichever native thread ran
// a call (the ticker's, or any JavaScript thread using the engine). That
// thread only queues a wake-up on this environment's event loop (a Node-API
// thread-safe function, see src/wake.h); it never calls JavaScript. The
// wake-up runs here, on the loop, and reads the events with its own cursor
// (pe_engine_poll_events), CHUNK at a time: after each chunk it yields to the
// loop with setImmediate, so a burst of a million transitions never blocks
// the loop for long and no polling happens while nothing is published.

const native = require('./native');
const { TooFarBehindError } = require('./errors');
const { toChanges } = require('./events');

/** Events read per turn of the event loop. */
const CHUNK = 256;

class EventPump {
  /** @type {import('node:events').EventEmitter} */
  #emitter;
  /** @type {unknown} */
  #handle;
  #cursor = 0;
  #running = false;
  #continuing = false;
  #warnedOverflow = false;

  /**
   * @param {import('node:events').EventEmitter} emitter
   * @param {unknown} handle
   */
  constructor(emitter, handle) {
    this.#emitter = emitter;
    this.#handle = handle;
  }

  get running() {
    return this.#running;
  }

  /** Starts delivering events published from now on. */
  start() {
    if (this.#running) return;
    // Subscribed first: an event published between the two calls then
    // wakes the pump (which runs only after this returns) instead of
    // waiting unseen for the next one.
    native.engineSubscribe(this.#handle, () => this.#drain());
    this.#cursor = native.engineStats(this.#handle).lastSeq;
    this.#running = true;
  }

  stop() {
    if (!this.#running) return;
    this.#running = false;
    native.engineUnsubscribe(this.#handle);
  }

  #drain() {
    // A wake-up already queued when stop() ran, or one that arrives while a
    // continuation is scheduled (that continuation reads everything anyway).
    if (!this.#running || this.#continuing) return;
    const changes = this.#poll();
    if (changes === undefined) return;
    if (changes.events.length === CHUNK) {
      this.#continuing = true;
      setImmediate(() => {
        this.#continuing = false;
        this.#drain();
      });
    }
    for (const event of changes.events) {
      // The cursor moves before the listeners run: a listener that throws
      // (an uncaught exception, as for any emitter) never sees a repeat.
      this.#cursor = event.seq;
      this.#emitter.emit(event.kind, event);
      this.#emitter.emit('change', event);
      if (!this.#running) return;
    }
  }

  /** @returns {import('../index').Changes | undefined} */
  #poll() {
    for (;;) {
      try {
        return toChanges(native.enginePollEvents(this.#handle, this.#cursor, CHUNK));
      } catch (error) {
        if (!(error instanceof TooFarBehindError)) {
          this.stop();
          this.#emitter.emit('error', error);
          return undefined;
        }
        this.#skipLostEvents();
      }
    }
  }

  // The ring buffer dropped events we had not read: resume at the oldest one
  // still kept and tell listeners what was lost, so that a consumer keeping
  // a view can take a snapshot.
  #skipLostEvents() {
    const afterSeq = this.#cursor;
    const { oldestSeq, lastSeq } = native.engineStats(this.#handle);
    // oldestSeq is 0 when the buffer is empty: everything up to lastSeq is gone.
    this.#cursor = oldestSeq === 0 ? lastSeq : Math.max(afterSeq, oldestSeq - 1);
    if (this.#emitter.listenerCount('overflow') === 0 && !this.#warnedOverflow) {
      this.#warnedOverflow = true;
      process.emitWarning(
        'presence-engine: events were dropped before they were delivered; listen for ' +
          "'overflow' and take a snapshot(), or raise eventBufferCapacity",
        'PresenceEngineWarning',
      );
    }
    this.#emitter.emit('overflow', { afterSeq, resumeSeq: this.#cursor });
  }
}

module.exports = { EventPump };
