// Plays a scenario's steps on one Engine of the Node package and turns what
// it answers into the file's vocabulary (README.md, "Records read back").
// No presence logic lives here: only the table from the file's words to the
// package's API.

/** A file name ('do_not_disturb') as the package spells it ('do-not-disturb'), and back. */
const toJs = (name) => name.replaceAll('_', '-');
const toFile = (name) => name.replaceAll('-', '_');

/** A config field's C name ('idle_after_ms') as an Engine option ('idleAfterMs'). */
const optionName = (field) => field.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** pe_counts field names from the package's nested counts. */
function flatCounts(c) {
  return {
    sessions_active: c.sessions.active,
    sessions_idle: c.sessions.idle,
    sessions_away: c.sessions.away,
    sessions_stale: c.sessions.stale,
    sessions_reconnecting: c.sessions.reconnecting,
    sessions_alive: c.sessions.alive,
    guest_sessions: c.sessions.guests,
    users_active: c.users.active,
    users_idle: c.users.idle,
    users_away: c.users.away,
    users_stale: c.users.stale,
    users_offline: c.users.offline,
    users_alive: c.users.alive,
    users_invisible: c.users.invisible,
    sessions_invisible: c.sessions.invisible,
    rooms: c.rooms,
  };
}

/** A text argument: a string, or {repeat, count} (raw bytes are skipped files). */
function text(value) {
  return typeof value === 'string' ? value : value.repeat.repeat(value.count);
}

const optionalText = (step, field) => (Object.hasOwn(step, field) ? text(step[field]) : undefined);

/** An optional hint: 'unknown' (or absent) is no hint. */
const hint = (value) => (value === undefined || value === 'unknown' ? undefined : value);

/** The events of the kinds a step names in "kinds" (all of them without it). */
const onlyKinds = (step, events) =>
  step.kinds === undefined ? events : events.filter((e) => step.kinds.includes(e.kind));

/** The lines of a text, without their line ends. */
const linesOf = (textValue) => {
  const lines = textValue.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

export class Driver {
  /** @type {Map<string, any>} results saved with "as" */
  #named = new Map();
  #checkpoint = 0;

  /**
   * The engine of a scenario's config; throws the package's error if refused.
   * @param {typeof import('../../../../bindings/node/index.js')} presence
   * @param {Record<string, unknown>} config pe_config fields by C name
   * @param {number} t0
   */
  constructor(presence, config, t0) {
    this.presence = presence;
    this.t0 = t0;
    /** @type {Record<string, unknown>} */
    const options = {};
    for (const [field, value] of Object.entries(config)) options[optionName(field)] = value;
    this.engine = new presence.Engine(options);
  }

  /** Step → { status, message, actual }. */
  run(step) {
    try {
      const actual = this[`do_${step.do}`](step);
      if (Object.hasOwn(step, 'as')) this.#named.set(step.as, actual);
      return { status: 'OK', message: '', actual };
    } catch (error) {
      if (!(error instanceof this.presence.PresenceError)) throw error;
      return { status: error.code.slice(3), message: error.message, actual: null };
    }
  }

  /** The `now` of a step: t0 + at, or its now_ms (-1, PE_NOW: the engine's clock). */
  #now(step) {
    if (Object.hasOwn(step, 'at')) return this.t0 + step.at;
    return step.now_ms === -1 ? undefined : step.now_ms;
  }

  #rel(ms) {
    return ms === null ? null : ms - this.t0;
  }

  #cursor(step) {
    if (Object.hasOwn(step, 'cursor_from')) return this.#named.get(step.cursor_from).cursor;
    return optionalText(step, 'cursor') ?? null;
  }

  #afterSeq(step) {
    return Object.hasOwn(step, 'after_seq_from')
      ? this.#named.get(step.after_seq_from).seq
      : step.after_seq;
  }

  // --- records ------------------------------------------------------------------

  session(s) {
    return {
      id: s.sessionId,
      user: s.userId,
      state: s.state,
      reconnecting: s.reconnecting,
      visible: s.visible,
      connected: s.connected,
      confidence: s.confidence,
      confidence_bucket: s.confidenceBucket,
      last_signal_at: this.#rel(s.lastSignalAt),
      last_activity_at: this.#rel(s.lastActivityAt),
      since: this.#rel(s.since),
      heartbeat_interval_ms: s.heartbeatIntervalMs,
      meta: s.meta,
      transport: s.transportId,
      true_state: s.trueState,
    };
  }

  user(u) {
    return {
      id: u.userId,
      state: u.state,
      since: this.#rel(u.since),
      last_seen_at: this.#rel(u.lastSeenAt),
      evidence: u.lastEvidence,
      session_count: u.sessionCount,
      confidence: u.confidence,
      confidence_bucket: u.confidenceBucket,
      availability: toFile(u.availability),
      true_state: u.trueState,
      true_availability: toFile(u.trueAvailability),
      readiness: u.readiness,
      ready: u.ready,
    };
  }

  room(r) {
    return {
      id: r.roomId,
      created_at: this.#rel(r.createdAt),
      sessions: r.sessions,
      members: r.members,
      guests: r.guests,
      arriving: r.arriving,
      density: r.density,
      arrivals_per_minute: r.arrivalsPerMinute,
      departures_per_minute: r.departuresPerMinute,
      readiness: r.readiness,
      ready: r.ready,
      count_only: r.countOnly,
      occupancy_interval_ms: r.occupancyIntervalMs ?? 0,
    };
  }

  member(m) {
    return {
      id: m.memberId,
      guest: m.guest,
      state: m.state,
      joined_at: this.#rel(m.joinedAt),
      arriving: m.arriving,
      session_count: m.sessionCount,
      last_seen_at: this.#rel(m.lastSeenAt),
      confidence: m.confidence,
      confidence_bucket: m.confidenceBucket,
      availability: toFile(m.availability),
    };
  }

  intent(i) {
    return {
      id: i.intentId,
      from: i.fromId,
      target_kind: i.targetKind,
      target: i.targetId,
      kind: i.kind,
      created_at: this.#rel(i.createdAt),
      expires_at: this.#rel(i.expiresAt),
      state: i.state,
    };
  }

  /** An event: seq, kind, id, the fields of its kind, then at and published_at. */
  event(e) {
    const head = { seq: e.seq, kind: e.kind };
    const tail = { at: this.#rel(e.at), published_at: this.#rel(e.publishedAt) };
    const presence = (id, user, sessionCount) => ({
      ...head,
      id,
      user,
      old: e.oldState,
      new: e.newState,
      session_count: sessionCount,
      confidence: e.confidence,
      confidence_bucket: e.confidenceBucket,
      last_seen_at: this.#rel(e.lastSeenAt),
    });
    const roomOf = (kind, id) => (kind === 'room' ? id : null);
    switch (e.kind) {
      case 'session':
        return { ...presence(e.sessionId, e.userId, 0), ...tail };
      case 'user':
        return {
          ...presence(e.userId, null, e.sessionCount),
          availability: toFile(e.availability),
          ...tail,
        };
      case 'member':
        return {
          ...head,
          id: e.memberId,
          room: e.roomId,
          guest: e.guest,
          old: e.oldState,
          new: e.newState,
          availability: toFile(e.availability),
          ...tail,
        };
      case 'readiness':
        return {
          ...head,
          id: e.targetId,
          target_kind: e.targetKind,
          room: roomOf(e.targetKind, e.targetId),
          ready: e.ready,
          readiness: e.readiness,
          ...tail,
        };
      case 'intent':
        return {
          ...head,
          id: e.intentId,
          intent_kind: e.intentKind,
          from: e.fromId,
          target_kind: e.targetKind,
          target: e.targetId,
          room: roomOf(e.targetKind, e.targetId),
          intent_state: e.state,
          ...tail,
        };
      case 'occupancy':
        return {
          ...head,
          id: e.roomId,
          room: e.roomId,
          members: e.members,
          sessions: e.sessions,
          readiness: e.readiness,
          ...tail,
        };
      case 'availability':
        return { ...head, id: e.userId, availability: toFile(e.availability), ...tail };
      default:
        throw new Error(`an event of an unknown kind: ${JSON.stringify(e)}`);
    }
  }

  // --- signals --------------------------------------------------------------------

  do_open(step) {
    const opened = this.engine.open(text(step.session), {
      userId: optionalText(step, 'user'),
      meta: optionalText(step, 'meta'),
      transportId: optionalText(step, 'transport'),
      visibility: hint(step.visibility),
      now: this.#now(step),
    });
    return {
      continued: opened.continued,
      heartbeat_interval_ms: opened.heartbeatIntervalMs,
      state: opened.state,
    };
  }

  do_heartbeat(step) {
    const interval = this.engine.heartbeat(text(step.session), {
      activity: hint(step.activity),
      visibility: hint(step.visibility),
      now: this.#now(step),
    });
    return { heartbeat_interval_ms: interval };
  }

  do_heartbeat_batch(step) {
    const result = this.engine.heartbeatBatch(
      step.items.map((item) => text(item.session)),
      {
        activity: step.items.map((item) => hint(item.activity)),
        visibility: step.items.map((item) => hint(item.visibility)),
        now: this.#now(step),
      },
    );
    const names = Object.fromEntries(
      Object.entries(this.presence.Status).map(([name, value]) => [value, name]),
    );
    return {
      statuses: Array.from(result.statuses, (status) => names[status]),
      heartbeat_intervals_ms: Array.from(result.intervals),
      failed: result.failed,
    };
  }

  do_activity(step) {
    this.engine.activity(text(step.session), { now: this.#now(step) });
    return null;
  }

  do_visibility(step) {
    this.engine.visibility(text(step.session), hint(step.visibility), { now: this.#now(step) });
    return null;
  }

  do_disconnect(step) {
    this.engine.disconnect(text(step.session), { now: this.#now(step) });
    return null;
  }

  do_disconnect_transport(step) {
    this.engine.disconnectTransport(text(step.transport), { now: this.#now(step) });
    return null;
  }

  do_leave(step) {
    this.engine.leave(text(step.session), { now: this.#now(step) });
    return null;
  }

  do_identify(step) {
    this.engine.identify(text(step.session), text(step.user), { now: this.#now(step) });
    return null;
  }

  // --- time -----------------------------------------------------------------------

  do_advance(step) {
    return { more: this.engine.advance({ now: this.#now(step), maxSteps: step.max_steps ?? 0 }) };
  }

  do_next_deadline() {
    return { deadline: this.#rel(this.engine.nextDeadline()) };
  }

  do_engine_now() {
    return { now: this.#rel(this.engine.now()) };
  }

  // --- reads ----------------------------------------------------------------------

  do_get_session(step) {
    return this.session(this.engine.getSession(text(step.session), { now: this.#now(step) }));
  }

  do_get_user(step) {
    const detail = this.engine.getUser(text(step.user), { now: this.#now(step) });
    return { user: this.user(detail.user), sessions: detail.sessions.map((s) => this.session(s)) };
  }

  do_counts(step) {
    return flatCounts(this.engine.counts({ now: this.#now(step) }));
  }

  do_count_seen(step) {
    return { users: this.engine.countSeen(step.window_ms, { now: this.#now(step) }) };
  }

  /** A page's `more` and its cursor (kept for `cursor_from`). */
  #page(page, key, record) {
    return {
      [key]: page[key].map((item) => record.call(this, item)),
      more: page.cursor !== null,
      cursor: page.cursor ?? '',
    };
  }

  do_list_users(step) {
    const page = this.engine.listUsers({
      minState: step.min_state,
      cursor: this.#cursor(step),
      limit: step.limit,
      now: this.#now(step),
    });
    return this.#page(page, 'users', this.user);
  }

  do_snapshot(step) {
    const snapshot = this.engine.snapshot({ now: this.#now(step) });
    return {
      seq: snapshot.seq,
      users: snapshot.users.map((u) => this.user(u)),
      sessions: snapshot.sessions.map((s) => this.session(s)),
    };
  }

  do_poll_events(step) {
    const changes = this.engine.changesSince(this.#afterSeq(step), { limit: step.max_events ?? 0 });
    return {
      seq: changes.seq,
      events: onlyKinds(
        step,
        changes.events.map((e) => this.event(e)),
      ),
    };
  }

  do_events(step) {
    const changes = this.engine.changesSince(this.#checkpoint);
    this.#checkpoint = changes.seq;
    return onlyKinds(
      step,
      changes.events.map((e) => this.event(e)),
    );
  }

  do_stats() {
    const s = this.engine.stats();
    return {
      session_records: s.sessionRecords,
      user_records: s.userRecords,
      signals: s.signals,
      transitions: s.transitions,
      events_published: s.eventsPublished,
      last_seq: s.lastSeq,
      oldest_seq: s.oldestSeq,
      pending_timers: s.pendingTimers,
      limit_rejections: s.limitRejections,
    };
  }

  do_close() {
    this.engine.close();
    return null;
  }

  // --- coordination -----------------------------------------------------------------

  do_join_room(step) {
    this.engine.joinRoom(text(step.session), text(step.room), { now: this.#now(step) });
    return null;
  }

  do_leave_room(step) {
    this.engine.leaveRoom(text(step.session), text(step.room), { now: this.#now(step) });
    return null;
  }

  do_set_count_only(step) {
    this.engine.setRoomCountOnly(text(step.room), step.count_only, {
      intervalMs: step.interval_ms ?? 0,
      now: this.#now(step),
    });
    return null;
  }

  do_get_room(step) {
    return this.room(this.engine.getRoom(text(step.room), { now: this.#now(step) }));
  }

  do_list_rooms(step) {
    const page = this.engine.listRooms({
      cursor: this.#cursor(step),
      limit: step.limit,
      now: this.#now(step),
    });
    return this.#page(page, 'rooms', this.room);
  }

  do_list_members(step) {
    const page = this.engine.listMembers(text(step.room), {
      minState: step.min_state,
      cursor: this.#cursor(step),
      limit: step.limit,
      now: this.#now(step),
    });
    return this.#page(page, 'members', this.member);
  }

  do_user_rooms(step) {
    const rooms = this.engine.userRooms(text(step.user), { now: this.#now(step) });
    return { rooms: rooms.map((r) => this.room(r)) };
  }

  do_room_metrics(step) {
    const m = this.engine.roomMetrics(text(step.room), { now: this.#now(step) });
    return {
      joins: m.joins,
      leaves: m.leaves,
      drop_offs: m.dropOffs,
      peak_members: m.peakMembers,
      peak_sessions: m.peakSessions,
      bucket_upper_ms: m.dwell.slice(0, -1).map((bucket) => bucket.upToMs),
      dwell: m.dwell.map((bucket) => bucket.count),
      attention: m.attention.map((bucket) => bucket.count),
      curve: m.readinessCurve.map((point) => ({ at: this.#rel(point.at), score: point.score })),
    };
  }

  do_set_availability(step) {
    this.engine.setAvailability(text(step.user), toJs(step.availability), {
      now: this.#now(step),
    });
    return null;
  }

  do_readiness(step) {
    const r = this.engine.readiness(step.target_kind, text(step.target), { now: this.#now(step) });
    return {
      score: r.score,
      ready: r.ready,
      can_call: r.canCall,
      reason: toFile(r.reason),
      state: r.state,
      availability: toFile(r.availability),
    };
  }

  do_open_intent(step) {
    const intent = this.engine.openIntent(text(step.from), step.target_kind, text(step.target), {
      kind: text(step.kind),
      ttlMs: step.ttl_ms,
      now: this.#now(step),
    });
    return this.intent(intent);
  }

  do_cancel_intent(step) {
    const id = Object.hasOwn(step, 'intent_from')
      ? this.#named.get(step.intent_from).id
      : text(step.intent);
    this.engine.cancelIntent(id, { now: this.#now(step) });
    return null;
  }

  do_list_intents(step) {
    const options = { now: this.#now(step) };
    const intents = Object.hasOwn(step, 'caller')
      ? this.engine.intentsFrom(text(step.caller), options)
      : this.engine.intentsTo(step.target_kind, text(step.target), options);
    return { intents: intents.map((i) => this.intent(i)) };
  }

  do_subscribe(step) {
    this.engine.subscribe(text(step.subscriber), step.target_kind, text(step.target));
    return null;
  }

  do_unsubscribe(step) {
    this.engine.unsubscribe(text(step.subscriber), step.target_kind, text(step.target));
    return null;
  }

  do_unsubscribe_all(step) {
    this.engine.unsubscribeAll(text(step.subscriber));
    return null;
  }

  do_fanout(step) {
    const f = this.engine.fanout(this.#afterSeq(step), { limit: step.max_events ?? 0 });
    return {
      seq: f.seq,
      events: f.events.map((e) => this.event(e)),
      deliveries: f.deliveries.map((d) => ({
        subscriber: d.subscriberId,
        seqs: d.events.map((e) => e.seq),
      })),
    };
  }

  do_prometheus(step) {
    const roomId = optionalText(step, 'room');
    return { lines: linesOf(this.engine.prometheus({ roomId, now: this.#now(step) })) };
  }
}
