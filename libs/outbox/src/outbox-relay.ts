// Moves a context's outbox to its Redis stream: unpublished rows, oldest first, are added to the
// stream and only then marked published, in one database transaction. A crash or an outage between
// the two leaves rows unmarked, so they are sent again: delivery is at least once, never at most.
//
// Order: one relay adds events in `position` order. Rows that commit late (a lower position
// committed after a higher one was sent), a re-send after a failure, or two relays taking
// neighbouring batches can all put an older event after a newer one; consumers dedupe by `id`.
//
// Redis that lost data: each row records the entry id Redis gave it. Before publishing to a Redis
// it has not yet seen (a new INFO run_id: a restart, a failover, or this process's first contact)
// the relay checks what that Redis still holds (stream-loss-check.ts) and marks the lost rows
// unpublished, so the ordinary publishing above sends them again. What the relay knows lives in
// Postgres (the rows' entry ids) and Redis (the stream), never only in memory, so a relay process
// that restarts together with Redis still notices. The check and publishing exclude each other
// through an advisory lock (checks exclusive, batches shared): a check waits for batches in
// flight, and a batch that reached a Redis nobody had checked yet (its MULTI reports the run_id it
// ran on) rolls back instead of committing entries that would hide the loss. Several relays may
// each check: the later ones find the newest recorded entry present and reset nothing, so the
// republish happens once per loss and cannot loop.
import type { RedisClient } from "./create-redis.js";
import type { DomainEvent } from "./domain-event.js";
import { EVENT_COLUMNS, outboxTable, toDomainEvent, type EventRow } from "./outbox-table.js";
import type { SqlClient, TransactionalSqlClient } from "./sql-client.js";
import { redisRunId, resetLostEvents, streamRunId } from "./stream-loss-check.js";

/** The part of a logger the relay uses; @trolley/http's Logger fits. */
export interface RelayLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** What one run of a started relay did. */
export interface RelayRun {
  /** Events this run published. */
  published: number;
  /** Why the run failed; unset when it succeeded. */
  error?: unknown;
  /** Until the next run unless notify() asks sooner: 0 when more is due at once; null once stopped. */
  nextRunInMs: number | null;
}

export interface OutboxRelayOptions {
  db: TransactionalSqlClient;
  /** The context's Postgres schema, e.g. `cart`. */
  schema: string;
  /** The context's stream, e.g. `cart-events`. */
  stream: string;
  /** Preferably from createRedis, so an unreachable Redis fails fast instead of queueing. */
  redis: RedisClient;
  logger?: RelayLogger;
  /** Rows per transaction. */
  batchSize?: number;
  /** Delay between runs when nothing asks for one (`notify`). */
  pollIntervalMs?: number;
  /** Longest delay between runs while publishing keeps failing. */
  maxBackoffMs?: number;
  /** Called after every run of a started relay, once the next one is scheduled (e.g. to count runs and failures). */
  onRun?: (run: RelayRun) => void;
}

// A drain stops after this many batches and lets the next run continue, so stop() is never stuck
// behind a large backlog.
const MAX_BATCHES_PER_DRAIN = 100;
// Row locks are held while Redis is called; a Redis that accepts the connection but never answers
// must not hold them, or the relay's own loop, for longer than this.
const REDIS_TIMEOUT_MS = 5_000;
const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 };

const silent: RelayLogger = { info() {}, warn() {}, error() {} };

export class OutboxRelay {
  readonly stream: string;
  private readonly db: TransactionalSqlClient;
  private readonly redis: RedisClient;
  private readonly table: string;
  private readonly lockName: string;
  private readonly logger: RelayLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly onRun: (run: RelayRun) => void;

  // The run_id of the Redis this relay last checked for lost data; unset until the first check.
  private checkedRunId: string | undefined;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private rerun = false;
  private failures = 0;
  private outageSince = 0;

  constructor(options: OutboxRelayOptions) {
    const { batchSize = 100, pollIntervalMs = 1000, maxBackoffMs = 30_000 } = options;
    if (!options.stream) throw new TypeError("The outbox relay needs a stream name.");
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new RangeError(`batchSize must be 1-10000; got ${batchSize}.`);
    if (!(pollIntervalMs > 0)) throw new RangeError(`pollIntervalMs must be positive; got ${pollIntervalMs}.`);
    this.table = outboxTable(options.schema);
    this.lockName = `outbox-relay ${this.table} ${options.stream}`;
    this.stream = options.stream;
    this.db = options.db;
    this.redis = options.redis;
    this.logger = options.logger ?? silent;
    this.batchSize = batchSize;
    this.pollIntervalMs = pollIntervalMs;
    this.maxBackoffMs = Math.max(maxBackoffMs, pollIntervalMs);
    this.onRun = options.onRun ?? (() => {});
  }

  /**
   * Publishes one batch and returns how many events it published. Throws, with nothing marked,
   * when Redis or the database fails. SKIP LOCKED lets several relays (one per process) run at
   * once: each takes rows no other is holding, so no row is sent by two of them concurrently.
   */
  async publishPending(): Promise<number> {
    if (this.checkedRunId === undefined) await this.checkRedis();
    let sent = 0;
    try {
      return await this.db.$transaction(async (tx) => {
        await this.lockChecks(tx, "shared");
        const rows = await tx.$queryRawUnsafe<EventRow[]>(
          `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE "published_at" IS NULL ` +
            `ORDER BY "position" LIMIT $1::int FOR UPDATE SKIP LOCKED`,
          this.batchSize,
        );
        if (rows.length === 0) return 0;
        const events = rows.map(toDomainEvent);
        const { entryIds, runId } = await this.addToStream(events);
        sent = events.length;
        if (runId !== this.checkedRunId) {
          this.checkedRunId = undefined;
          throw new Error("Redis restarted while the relay was publishing; it is checked for lost events before the batch is sent again.");
        }
        const values = events.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
        // UTC wall-clock time, like every other TIMESTAMP(3) column Prisma writes.
        await tx.$executeRawUnsafe(
          `UPDATE ${this.table} AS o SET "published_at" = (now() AT TIME ZONE 'UTC'), "stream_entry_id" = v."entry_id" ` +
            `FROM (VALUES ${values}) AS v("id", "entry_id") WHERE o."id" = v."id"`,
          ...events.flatMap((event, i) => [event.id, entryIds[i]]),
        );
        return events.length;
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (sent > 0) this.logger.warn("outbox events reached the stream but were not marked; they will be sent again", { stream: this.stream, count: sent, error });
      throw error;
    }
  }

  /**
   * Checks a Redis this relay has not seen before (new run_id) for lost events, and marks those
   * unpublished so the next batches send them again. Returns how many were marked. Cheap when
   * Redis is the one already checked: one INFO.
   */
  async checkRedis(): Promise<number> {
    const seen = await streamRunId(this.redis, this.stream);
    if (seen === this.checkedRunId) return 0;
    const { runId, lost } = await this.db.$transaction(async (tx) => {
      await this.lockChecks(tx, "exclusive");
      // Read again under the lock: Redis may have restarted once more while this waited.
      const runId = await streamRunId(this.redis, this.stream);
      return { runId, lost: await resetLostEvents(tx, this.redis, this.table, this.stream) };
    }, TRANSACTION_OPTIONS);
    if (lost > 0) this.logger.warn("Redis lost published events; the relay is sending them again from the outbox", { stream: this.stream, count: lost, redisRunId: runId });
    this.checkedRunId = runId;
    return lost;
  }

  /** Batches take the lock shared, checks exclusive; both hold it until their transaction ends. */
  private async lockChecks(tx: SqlClient, mode: "shared" | "exclusive"): Promise<void> {
    const fn = mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
    await tx.$queryRawUnsafe(`SELECT 1 AS "locked" FROM ${fn}(hashtextextended($1, 0))`, this.lockName);
  }

  /** Publishes batches until none is left (or a bound is reached); returns how many it published. */
  async drain(): Promise<number> {
    await this.checkRedis();
    return (await this.drainBounded()).published;
  }

  /** Runs drain now and then every pollIntervalMs, backing off while it fails. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // A client created a moment ago is still connecting and refuses commands (no offline queue):
    // wait for it rather than report an outage at every boot.
    if (this.redis.status === "connecting" || this.redis.status === "connect") {
      this.redis.once("ready", () => this.notify());
      this.schedule(this.pollIntervalMs);
    } else {
      this.schedule(0);
    }
  }

  /**
   * Asks for a run as soon as possible, e.g. right after a transaction that appended events
   * committed. Calls during a run are folded into one more run. Ignored while stopped, and while
   * publishing is failing: the backoff decides when to try again, not the request rate.
   */
  notify(): void {
    if (!this.running || this.failures > 0) return;
    if (this.inFlight) this.rerun = true;
    else this.schedule(0);
  }

  /** Stops the timer and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.rerun = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async drainBounded(): Promise<{ published: number; more: boolean }> {
    let published = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_DRAIN; batch++) {
      const count = await this.publishPending();
      if (count === 0) return { published, more: false };
      published += count;
    }
    return { published, more: true };
  }

  /**
   * One MULTI, so Redis takes the whole batch or none of it, in order. It ends with INFO server,
   * which tells which Redis run the entries went to.
   */
  private async addToStream(events: DomainEvent[]): Promise<{ entryIds: string[]; runId: string }> {
    const multi = this.redis.multi();
    for (const event of events) multi.xadd(this.stream, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event));
    multi.info("server");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms.`)), REDIS_TIMEOUT_MS);
    });
    try {
      const results = await Promise.race([multi.exec(), timeout]);
      if (!results) throw new Error("Redis discarded the transaction.");
      for (const [error] of results) if (error) throw error;
      const replies = results.map(([, reply]) => String(reply));
      return { entryIds: replies.slice(0, events.length), runId: redisRunId(replies[events.length]) };
    } finally {
      clearTimeout(timer);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    // unref: a relay alone never keeps a process alive; the server does.
    this.timer = setTimeout(() => this.run(), delayMs).unref();
  }

  private run(): void {
    this.timer = undefined;
    if (!this.running) return;
    if (this.inFlight) {
      this.rerun = true;
      return;
    }
    this.inFlight = this.runOnce().then((outcome) => {
      this.inFlight = undefined;
      let nextRunInMs: number | null = null;
      if (this.running) {
        if (this.failures > 0) nextRunInMs = Math.min(this.pollIntervalMs * 2 ** this.failures, this.maxBackoffMs);
        else if (this.rerun) nextRunInMs = 0;
        else nextRunInMs = this.pollIntervalMs;
        this.schedule(nextRunInMs);
        this.rerun = false;
      }
      try {
        this.onRun({ ...outcome, nextRunInMs });
      } catch (error) {
        this.logger.error("outbox relay onRun failed", { stream: this.stream, error });
      }
    });
  }

  private async runOnce(): Promise<{ published: number; error?: unknown }> {
    try {
      // Every run, not only when there is something to send: a Redis that lost events must be
      // noticed even when nothing new happens.
      await this.checkRedis();
      const { published, more } = await this.drainBounded();
      if (this.failures > 0) {
        this.logger.info("outbox relay recovered", { stream: this.stream, failedRuns: this.failures, outageMs: Date.now() - this.outageSince });
        this.failures = 0;
      }
      if (more) this.rerun = true;
      return { published };
    } catch (error) {
      // One warning per outage: a dead Redis would otherwise log on every tick.
      if (this.failures === 0) {
        this.outageSince = Date.now();
        this.logger.warn("outbox relay cannot publish; retrying with backoff", { stream: this.stream, error });
      }
      this.failures++;
      return { published: 0, error };
    }
  }
}
