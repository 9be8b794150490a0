// Applies another context's events to this one: reads a Redis stream as one member of a consumer
// group and hands each event to a handler inside a database transaction that also records the
// event in `processed_event`. Delivery is at least once (the relay may add an event twice, a member
// may die between its commit and its XACK); the recorded row turns every repeat into a no-op, so
// each event's effect is applied exactly once.
//
// An entry is acknowledged only after its transaction commits. An entry whose handler fails stays
// pending and is tried again after claimIdleMs: by this member, which reads its own pending entries
// first, or by any member of the group through XAUTOCLAIM, which is also how the entries of a member
// that crashed or hangs are taken over.
//
// An entry delivered maxDeliveries times without success (the delivery count Redis keeps in the
// group's pending list, so it survives the member's restarts) goes to the dead-letter stream and is
// acknowledged, by one member only, in that order: a poison event stops costing a retry every
// claimIdleMs and waits for an operator instead (dead-letters.ts).
import { commandTimeoutOf, type RedisClient } from "./create-redis.js";
import { DEAD_LETTER_STREAM, moveToDeadLetters } from "./dead-letters.js";
import type { DomainEvent } from "./domain-event.js";
import type { RelayLogger } from "./outbox-relay.js";
import { processedEventTable } from "./processed-event-table.js";
import type { SqlClient, TransactionalSqlClient } from "./sql-client.js";
import { entriesOfAutoclaim, entriesOfRead, parseEntry, type StreamEntry } from "./stream-entry.js";

export interface StreamConsumerOptions {
  /** A connection of its own, since a blocking read holds it: createBlockingRedis(url, blockMs). */
  redis: RedisClient;
  /** The stream to read, e.g. `order-events`. */
  stream: string;
  /** The consumer group, one per consuming context, e.g. `cart`. */
  group: string;
  /** This process within the group, e.g. `${hostname}-${pid}`; stable across restarts if possible. */
  consumer: string;
  db: TransactionalSqlClient;
  /** The consuming context's Postgres schema, holding its `processed_event` table. */
  schema: string;
  /** Applies one event with `tx`; throwing rolls it back and leaves the entry to be retried. */
  handle: (event: DomainEvent, tx: SqlClient) => Promise<unknown>;
  /**
   * Called with what `handle` resolved to, once its transaction has committed (never for a
   * duplicate): the moment to wake a relay for the events the handler appended, or drop a cache.
   */
  afterCommit?: (result: unknown, event: DomainEvent) => void;
  /** Only these event types reach `handle`; other entries are acknowledged unread. */
  types?: readonly string[];
  logger?: RelayLogger;
  /** Entries per read. */
  batchSize?: number;
  /** How long a read waits for new entries while started. */
  blockMs?: number;
  /** How long an entry stays pending before it is retried, by this member or another. */
  claimIdleMs?: number;
  /** Failed deliveries after which an entry goes to the dead-letter stream. */
  maxDeliveries?: number;
  /** Where dead letters go (tests give each their own). */
  deadLetterStream?: string;
  /** Called once per dead-lettered event, e.g. to count it. */
  onDeadLetter?: (letter: { stream: string; group: string; entryId: string; eventId: string; type: string }) => void;
  /** Called after every pass of a started consumer, e.g. to count passes and failures. */
  onPass?: (pass: ConsumerPass) => void;
}

/** What one pass of a started consumer did. */
export interface ConsumerPass {
  /** Events the handler applied in this pass. */
  applied: number;
  /** Why the pass failed (Redis unreachable, group gone); unset when it succeeded. */
  error?: unknown;
}

type Outcome = "applied" | "duplicate" | "skipped" | "failed" | "dead-lettered";

// A pass stops after this many batches of one kind, so stop() never waits behind a whole backlog.
const MAX_BATCHES_PER_PASS = 100;
// A blocking read's reply may arrive a little after BLOCK ends; the connection's commandTimeout
// must leave it this long.
const BLOCK_REPLY_MARGIN_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 };

const silent: RelayLogger = { info() {}, warn() {}, error() {} };

export class StreamConsumer {
  readonly stream: string;
  readonly group: string;
  readonly consumer: string;
  private readonly redis: RedisClient;
  private readonly db: TransactionalSqlClient;
  private readonly table: string;
  private readonly handle: StreamConsumerOptions["handle"];
  private readonly afterCommit: StreamConsumerOptions["afterCommit"];
  private readonly types: ReadonlySet<string> | undefined;
  private readonly logger: RelayLogger;
  private readonly batchSize: number;
  private readonly blockMs: number;
  private readonly claimIdleMs: number;
  private readonly maxDeliveries: number;
  private readonly deadLetterStream: string;
  private readonly onDeadLetter: NonNullable<StreamConsumerOptions["onDeadLetter"]>;
  private readonly onPass: NonNullable<StreamConsumerOptions["onPass"]>;

  private groupReady = false;
  // Own pending entries are re-read only when some may be due: right after a failure, re-reading
  // on every pass would call a broken handler (and log it) once per batch instead of once per
  // claimIdleMs.
  private ownPendingDueAt = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(options: StreamConsumerOptions) {
    const { batchSize = 50, blockMs = 1000, claimIdleMs = 30_000, maxDeliveries = 10 } = options;
    for (const name of ["stream", "group", "consumer"] as const) {
      if (!options[name]) throw new TypeError(`The stream consumer needs a ${name} name.`);
    }
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new RangeError(`batchSize must be 1-10000; got ${batchSize}.`);
    if (!Number.isInteger(blockMs) || blockMs < 1) throw new RangeError(`blockMs must be a positive integer; got ${blockMs}.`);
    if (!Number.isInteger(claimIdleMs) || claimIdleMs < 1) throw new RangeError(`claimIdleMs must be a positive integer; got ${claimIdleMs}.`);
    if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) throw new RangeError(`maxDeliveries must be a positive integer; got ${maxDeliveries}.`);
    const commandTimeout = commandTimeoutOf(options.redis);
    if (typeof commandTimeout === "number" && commandTimeout < blockMs + BLOCK_REPLY_MARGIN_MS) {
      throw new RangeError(
        `The consumer's Redis commandTimeout (${commandTimeout} ms) would cut off reads blocking for ${blockMs} ms; ` +
          `create the connection with createBlockingRedis(url, ${blockMs}).`,
      );
    }
    this.table = processedEventTable(options.schema);
    this.stream = options.stream;
    this.group = options.group;
    this.consumer = options.consumer;
    this.redis = options.redis;
    this.db = options.db;
    this.handle = options.handle;
    this.afterCommit = options.afterCommit;
    this.types = options.types && new Set(options.types);
    this.logger = options.logger ?? silent;
    this.batchSize = batchSize;
    this.blockMs = blockMs;
    this.claimIdleMs = claimIdleMs;
    this.maxDeliveries = maxDeliveries;
    this.deadLetterStream = options.deadLetterStream ?? DEAD_LETTER_STREAM;
    this.onDeadLetter = options.onDeadLetter ?? (() => {});
    this.onPass = options.onPass ?? (() => {});
  }

  /**
   * One pass without blocking: this member's own pending entries, then entries idle for
   * claimIdleMs (XAUTOCLAIM), then new ones until none is left. Returns how many events `handle`
   * applied (repeats and skipped types not counted). Throws when Redis or the group fails.
   */
  processAvailable(): Promise<number> {
    return this.pass(undefined);
  }

  /** Runs passes until stop(), each ending in a read that waits up to blockMs for new entries. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the loop once the batch in hand is processed, and waits for that. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    // A client created a moment ago is still connecting and refuses commands (no offline queue):
    // wait for it rather than report an outage at every boot.
    while (this.running && (this.redis.status === "connecting" || this.redis.status === "connect")) await this.pause(50);
    let failures = 0;
    let outageSince = 0;
    while (this.running) {
      try {
        const applied = await this.pass(this.blockMs);
        if (failures > 0) {
          this.logger.info("stream consumer recovered", { stream: this.stream, group: this.group, failedPasses: failures, outageMs: Date.now() - outageSince });
          failures = 0;
        }
        this.reportPass({ applied });
      } catch (error) {
        // One warning per outage: a dead Redis would otherwise log on every pass.
        if (failures === 0) {
          outageSince = Date.now();
          this.logger.warn("stream consumer cannot read; retrying with backoff", { stream: this.stream, group: this.group, error });
        }
        failures++;
        this.reportPass({ applied: 0, error });
        await this.pause(Math.min(this.blockMs * 2 ** (failures - 1), MAX_BACKOFF_MS));
      }
    }
  }

  private async pass(blockMs: number | undefined): Promise<number> {
    try {
      await this.ensureGroup();
      let applied = 0;
      if (Date.now() >= this.ownPendingDueAt) {
        this.ownPendingDueAt = 0;
        applied += await this.retryOwnPending();
      }
      applied += await this.reclaimIdle();
      applied += await this.readNew(blockMs);
      return applied;
    } catch (error) {
      // The stream, and the group with it, was deleted: create both again on the next pass.
      if (error instanceof Error && error.message.startsWith("NOGROUP")) this.groupReady = false;
      throw error;
    }
  }

  /** From the stream's first entry, so events added before the group existed are not missed. */
  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      await this.redis.xgroup("CREATE", this.stream, this.group, "0", "MKSTREAM");
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("BUSYGROUP"))) throw error;
    }
    this.groupReady = true;
  }

  /** Entries delivered to this member and never acknowledged, e.g. before it restarted. */
  private async retryOwnPending(): Promise<number> {
    let applied = 0;
    let after = "0";
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const entries = entriesOfRead(
        await this.redis.xreadgroup("GROUP", this.group, this.consumer, "COUNT", this.batchSize, "STREAMS", this.stream, after),
      );
      applied += count(await this.processBatch(entries), "applied");
      if (entries.length < this.batchSize) break;
      after = entries[entries.length - 1].entryId;
    }
    return applied;
  }

  /** Entries pending for claimIdleMs with any member: a crashed one's, or ones whose handler failed. */
  private async reclaimIdle(): Promise<number> {
    let applied = 0;
    let cursor = "0-0";
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const { next, entries, deleted } = entriesOfAutoclaim(
        await this.redis.xautoclaim(this.stream, this.group, this.consumer, this.claimIdleMs, cursor, "COUNT", this.batchSize),
      );
      if (deleted.length > 0) {
        this.logger.error("pending stream entries were deleted before they were processed", { stream: this.stream, group: this.group, entryIds: deleted });
      }
      applied += count(await this.processBatch(entries), "applied");
      if (next === "0-0") break;
      cursor = next;
    }
    return applied;
  }

  /** New entries; a blocking pass takes a single batch, so stop() waits for at most one. */
  private async readNew(blockMs: number | undefined): Promise<number> {
    let applied = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const reply =
        blockMs === undefined
          ? await this.redis.xreadgroup("GROUP", this.group, this.consumer, "COUNT", this.batchSize, "STREAMS", this.stream, ">")
          : await this.redis.xreadgroup("GROUP", this.group, this.consumer, "COUNT", this.batchSize, "BLOCK", blockMs, "STREAMS", this.stream, ">");
      const entries = entriesOfRead(reply);
      applied += count(await this.processBatch(entries), "applied");
      if (blockMs !== undefined || entries.length < this.batchSize) break;
    }
    return applied;
  }

  /**
   * In stream order. A failed entry does not stop the ones after it: one bad event must not halt
   * the stream, and consumers already tolerate events out of order (see the relay).
   */
  private async processBatch(entries: StreamEntry[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const unapplied: string[] = [];
    for (const entry of entries) {
      const outcome = await this.processEntry(entry);
      outcomes.push(outcome);
      if (outcome === "skipped") unapplied.push(entry.entryId);
    }
    // Nothing was written for these, so there is no commit to wait for: one XACK for all of them.
    if (unapplied.length > 0) await this.redis.xack(this.stream, this.group, ...unapplied);
    return outcomes;
  }

  private async processEntry(entry: StreamEntry): Promise<Outcome> {
    const parsed = parseEntry(entry);
    if ("malformed" in parsed) {
      // Acknowledged anyway: an entry that can never be parsed would otherwise be retried forever.
      this.logger.error("dropped a malformed stream entry", { stream: this.stream, group: this.group, entryId: entry.entryId, eventId: entry.fields?.get("id"), type: entry.fields?.get("type"), reason: parsed.malformed });
      return "skipped";
    }
    const { event } = parsed;
    if (this.types && !this.types.has(event.type)) return "skipped";
    let applied: { result: unknown } | null;
    try {
      applied = await this.db.$transaction(async (tx) => {
        // A second member holding the same entry (taken over while this one was slow) waits here on
        // the primary key until the first commits, then finds the row and skips.
        const inserted = await tx.$executeRawUnsafe(
          `INSERT INTO ${this.table} ("consumer_group", "event_id") VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          this.group,
          event.id,
        );
        if (inserted === 0) {
          // Seen again, e.g. republished after Redis lost data: the republished outbox row is kept
          // for a whole retention from now, so the row that recognises it must be too.
          await tx.$executeRawUnsafe(
            `UPDATE ${this.table} SET "processed_at" = LOCALTIMESTAMP WHERE "consumer_group" = $1 AND "event_id" = $2`,
            this.group,
            event.id,
          );
          return null;
        }
        return { result: await this.handle(event, tx) };
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (await this.deadLetterIfExhausted(entry, event, error)) return "dead-lettered";
      // The event's data stays out of the log: it may hold personal data.
      this.logger.warn("stream event was not applied; it stays pending and will be retried", { stream: this.stream, group: this.group, entryId: entry.entryId, eventId: event.id, type: event.type, error });
      this.ownPendingDueAt = Date.now() + this.claimIdleMs;
      return "failed";
    }
    // Only after the commit: a crash before this line redelivers the entry, and the row skips it.
    await this.redis.xack(this.stream, this.group, entry.entryId);
    if (applied) this.afterCommit?.(applied.result, event);
    return applied ? "applied" : "duplicate";
  }

  /**
   * Moves the entry to the dead letters when this failure was its last allowed delivery; true when
   * the entry is done with here (moved by this member, or already by another).
   */
  private async deadLetterIfExhausted(entry: StreamEntry, event: DomainEvent, error: unknown): Promise<boolean> {
    // [[entryId, consumer, idleMs, deliveries]]; empty if the entry is no longer pending here.
    const [info] = (await this.redis.xpending(this.stream, this.group, entry.entryId, entry.entryId, 1)) as [string, string, number, number][];
    const attempts = info ? Number(info[3]) : 0;
    if (attempts < this.maxDeliveries) return false;
    const letter = { stream: this.stream, group: this.group, entryId: entry.entryId, eventId: event.id, type: event.type };
    // Two members may both see the last delivery (one took the entry over from the other while it
    // failed): only the one that takes the move's claim adds the letter and acknowledges it.
    if (!(await moveToDeadLetters(this.redis, { ...letter, event, error, attempts, at: new Date() }, this.deadLetterStream))) return true;
    // The message only: a driver error's details may quote the row, and with it personal data.
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error("stream event failed every delivery and was moved to the dead letters", { ...letter, deadLetterStream: this.deadLetterStream, attempts, error: message });
    this.onDeadLetter(letter);
    return true;
  }

  private reportPass(pass: ConsumerPass): void {
    try {
      this.onPass(pass);
    } catch (error) {
      this.logger.error("stream consumer onPass failed", { stream: this.stream, group: this.group, error });
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      // unref: a consumer waiting to retry never keeps a process alive; the server does.
      const timer = setTimeout(done, ms).unref();
      this.wake = done;
    });
  }
}

const count = (outcomes: Outcome[], outcome: Outcome): number => outcomes.filter((o) => o === outcome).length;
