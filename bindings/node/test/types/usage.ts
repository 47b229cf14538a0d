// Compiled (not run) by tsc --strict in `npm run lint`: the declarations
// describe the API precisely enough for strict TypeScript users.
import {
  Engine,
  DEFAULTS,
  Status,
  NotFoundError,
  PresenceError,
  attachPresence,
  errorForStatus,
  whosOnline,
  type EngineOptions,
  type PresenceEvent,
  type State,
  type WireDiff,
} from '../../index.js';

const options: EngineOptions = { ...DEFAULTS, tickIntervalMs: 250, idleAfterMs: 30_000 };
const engine = new Engine(options);

const opened = engine.open('tab-1', { userId: 'ann', meta: '{}', visibility: 'visible' });
const continued: boolean = opened.continued;
const interval: number = engine.heartbeat('tab-1', { activity: 'active', now: Date.now() });
const batch = engine.heartbeatBatch(['tab-1'], { activity: ['idle'], visibility: 'hidden' });
const firstFailed: PresenceError | undefined = errorForStatus(batch.statuses[0] ?? Status.OK);

engine.on('change', (event: PresenceEvent) => {
  // The kind discriminates the union.
  const who: string = event.kind === 'user' ? event.userId : event.sessionId;
  const count: number | undefined = event.kind === 'user' ? event.sessionCount : undefined;
  void who;
  void count;
});
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
const next: number | null = engine.nextDeadline();
const snapshot = engine.snapshot();
const changes = engine.changesSince(snapshot.seq, { limit: 100 });
const token = engine.share();
const attached: Engine = Engine.attach(token);
attached.close();

declare const io: { of(name: string): Parameters<typeof attachPresence>[0] } & Parameters<
  typeof attachPresence
>[0];
const attachment = attachPresence(io, engine, {
  diffIntervalMs: 100,
  authenticate: (_socket, hello) => hello.userId ?? null,
});
attachment.close();
const report = whosOnline(engine);
const diff: WireDiff = { seq: report.generatedAt, users: report.users, sessions: report.sessions };

engine.unref().ref();
engine.close();

// @ts-expect-error: an unknown activity name is a type error
engine.heartbeat('tab-1', { activity: 'busy' });
// @ts-expect-error: times are numbers
engine.heartbeat('tab-1', { now: new Date() });

export { continued, interval, firstFailed, states, next, changes, diff };
