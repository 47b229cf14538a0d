// Compiled (not run) by tsc --strict in `npm run lint`: the declarations
// describe the API precisely enough for strict TypeScript users.
import {
  Engine,
  DEFAULTS,
  Status,
  NotFoundError,
  PresenceError,
  IOError,
  CorruptError,
  attachPresence,
  errorForStatus,
  whosOnline,
  type Availability,
  type EngineOptions,
  type GateReason,
  type Intent,
  type Member,
  type PresenceEvent,
  type Reader,
  type RestoreOptions,
  type ShownUser,
  type Room,
  type State,
  type WireDiff,
  type PresenceClientToServerEvents,
  type PresenceServerToClientEvents,
  type WireSnapshot,
} from '../../index.js';
import type { Socket } from 'socket.io-client';

const options: EngineOptions = { ...DEFAULTS, tickIntervalMs: 250, idleAfterMs: 30_000 };
const engine = new Engine(options);

const opened = engine.open('tab-1', { userId: 'ann', meta: '{}', visibility: 'visible' });
const continued: boolean = opened.continued;
const interval: number = engine.heartbeat('tab-1', { activity: 'active', now: Date.now() });
const batch = engine.heartbeatBatch(['tab-1'], { activity: ['idle'], visibility: 'hidden' });
const firstFailed: PresenceError | undefined = errorForStatus(batch.statuses[0] ?? Status.OK);

engine.on('change', (event: PresenceEvent) => {
  // The kind discriminates the union.
  // The kind discriminates the union of every event kind.
  switch (event.kind) {
    case 'session':
      void (event.sessionId + event.newState);
      break;
    case 'user':
      void (event.sessionCount + event.availability);
      break;
    case 'member':
      void (event.joined ? event.roomId : event.memberId);
      break;
    case 'readiness':
      void (event.targetKind === 'room' && event.ready && event.readiness);
      break;
    case 'intent': {
      const ended: 'ready' | 'expired' | 'cancelled' = event.state;
      void (ended + event.intentKind + event.fromId + event.targetId);
      break;
    }
    case 'occupancy':
      void (event.members.active + event.sessions.stale);
      break;
    case 'availability': {
      // Never 'invisible' on an event.
      // @ts-expect-error: ShownAvailability excludes 'invisible'
      const shown: 'invisible' = event.availability;
      void shown;
      break;
    }
  }
});
engine.on('member', (event) => void event.memberId);
engine.on('intent', (event) => void event.intentId);
engine.on('overflow', ({ afterSeq, resumeSeq }) => void (resumeSeq - afterSeq));

try {
  engine.getSession('nobody');
} catch (error) {
  if (error instanceof NotFoundError) {
    const code: 'PE_NOT_FOUND' | string = error.code;
    void code;
  }
}

const states: State[] = [...engine.users({ minState: 'idle' })].map((u) => u.state);

// Coordination.
engine.joinRoom('tab-1', 'standup');
const room: Room = engine.getRoom('standup');
const members: Member[] = engine.listMembers('standup', { minState: 'active', limit: 10 }).members;
const allMembers: Member[] = [...engine.members('standup')];
const rooms: Room[] = [...engine.rooms({ limit: 100 })].concat(engine.userRooms('ann'));
engine.setRoomCountOnly('arena', true, { intervalMs: 1000 });
engine.setRoomCountOnly('arena', false);
// @ts-expect-error: switching count-only on needs its interval
engine.setRoomCountOnly('arena', true);
const availability: Availability = 'do-not-disturb';
engine.setAvailability('ann', availability);
// @ts-expect-error: an unknown availability is a type error
engine.setAvailability('ann', 'away');
const gate = engine.readiness('room', 'standup');
const reason: GateReason = gate.reason;
const intent: Intent = engine.openIntent('carl', 'user', 'ann', { kind: 'call', ttlMs: 60_000 });
// @ts-expect-error: an intent needs its kind and TTL
engine.openIntent('carl', 'user', 'ann');
const pending: Intent[] = engine.intentsTo('user', 'ann').concat(engine.intentsFrom('carl'));
engine.cancelIntent(intent.intentId);
engine.subscribe('socket-1', 'room', 'standup');
const fanout = engine.fanout(0, { limit: 1000 });
for (const { subscriberId, events } of fanout.deliveries) void (subscriberId + events.length);
engine.unsubscribe('socket-1', 'room', 'standup');
engine.unsubscribeAll('socket-1');
const metrics = engine.roomMetrics('standup');
const dwell: Array<number | null> = metrics.dwell.map((b) => b.upToMs);
const text: string = engine.prometheus({ roomId: 'standup' });
const invisible: number = engine.counts().users.invisible + engine.counts().rooms;
const next: number | null = engine.nextDeadline();
const snapshot = engine.snapshot();
const changes = engine.changesSince(snapshot.seq, { limit: 100 });
const token = engine.share();
const attached: Engine = Engine.attach(token);
attached.close();

engine.save('/var/lib/app/presence.snap', { now: Date.now() });
const restoreOptions: RestoreOptions = { ...options, now: Date.now() };
// @ts-expect-error: a restored engine is a new engine, never a shared one
const sharedRestore: RestoreOptions = { shared: token };
let restored: Engine;
try {
  restored = Engine.restore('/var/lib/app/presence.snap', restoreOptions);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  restored = new Engine(options);
}
restored.close();
const saveFailure: PresenceError = new IOError('no such directory');
const loadFailure: 'PE_CORRUPT' | 'PE_IO_ERROR' =
  new CorruptError('truncated').code === 'PE_CORRUPT' ? 'PE_CORRUPT' : 'PE_IO_ERROR';

declare const io: { of(name: string): Parameters<typeof attachPresence>[0] } & Parameters<
  typeof attachPresence
>[0];
const attachment = attachPresence(io, engine, {
  diffIntervalMs: 100,
  authenticate: (_socket, hello) => hello.userId ?? null,
  scope: (_socket, hello) => (hello.handle === undefined ? 'all' : 'interests'),
  authorize: (_socket, request) => request.action !== 'join' || request.roomId !== 'vip',
  maxInterests: 16,
  intentTtlMs: 30_000,
});
const body: string = attachment.metrics({ roomId: 'standup' });
const online = attachment.whosOnline({ rooms: true });
attachment.close();

// A typed socket.io-client socket speaks the adapter's messages.
declare const client: Socket<PresenceServerToClientEvents, PresenceClientToServerEvents>;
let view: WireSnapshot | undefined;
client.on('presence:snapshot', (snapshot) => (view = snapshot));
client.on('presence:diff', (d) => {
  for (const [id, shown] of Object.entries(d.availability ?? {})) {
    const user = view?.users[id];
    if (user !== undefined) user.availability = shown;
  }
});
client.emit('presence:hello', { sessionId: 'tab-1', userId: 'ann' }, (ack) => {
  if (ack.ok) void (ack.heartbeatIntervalMs + Number(ack.continued));
  else void ack.error.code;
});
client.emit('presence:join', { roomId: 'standup' }, (ack) => {
  if (ack.ok) void ack.view.rooms?.standup?.readiness;
});
client.emit('presence:intent', { userId: 'bob', ttlMs: 60_000 }, (ack) => {
  if (ack.ok) client.emit('presence:cancel-intent', { intentId: ack.intentId });
});
client.emit('presence:subscribe', { users: ['bob'], rooms: ['standup'] });
client.emit('presence:availability', { availability: 'busy' });
// @ts-expect-error: the adapter's messages are typed
client.emit('presence:join', { room: 'standup' });
const report = whosOnline(engine);
const diff: WireDiff = { seq: report.generatedAt, users: report.users, sessions: report.sessions };

engine.unref().ref();
engine.close();

// @ts-expect-error: an unknown activity name is a type error
engine.heartbeat('tab-1', { activity: 'busy' });
// @ts-expect-error: times are numbers
engine.heartbeat('tab-1', { now: new Date() });

// Readers: redacted records have no truth fields; a room's lists members.
const lobby: Reader = engine.reader('lobby');
const shown: ShownUser[] = engine.reader().listUsers({ minState: 'idle' }).users;
// @ts-expect-error a reader never shows the truth behind what is shown
shown[0]?.trueState;
const lobbyMembers: Member[] = lobby.listMembers({ limit: 10 }).members;
const lobbyEvents: PresenceEvent[] = lobby.pollEvents(lobby.snapshot().seq, 100).events;
lobby[Symbol.dispose]();

export {
  shown,
  lobbyMembers,
  lobbyEvents,
  continued,
  interval,
  firstFailed,
  states,
  next,
  changes,
  diff,
  room,
  members,
  allMembers,
  rooms,
  reason,
  pending,
  dwell,
  text,
  invisible,
  body,
  online,
  sharedRestore,
  saveFailure,
  loadFailure,
};
