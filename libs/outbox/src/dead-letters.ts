// The dead-letter stream: events a consumer group gave up on after EVENT_MAX_DELIVERIES failed
// deliveries, kept for an operator to inspect, fix the cause, and replay. One stream for every
// context, so one admin view lists them all; each entry names the stream and group it came from.
// Listing and replaying live here, not in a context, because any group's dead letters look alike.
import type { Redis } from "ioredis";
import type { DomainEvent } from "./domain-event.js";
import { isStreamId } from "./stream-id.js";

export const DEAD_LETTER_STREAM = "dead-letters";

// An error message is kept for the operator, cut short: handlers' messages describe the failure,
// and the event itself is stored beside it anyway.
const MAX_ERROR_LENGTH = 500;

export interface DeadLetter {
  /** The dead-letter stream's entry id: what list pages by and replay takes. */
  id: string;
  /** Where the event was read, and by which group. */
  stream: string;
  group: string;
  /** The entry id in the source stream. */
  entryId: string;
  eventId: string;
  type: string;
  /** The event's JSON, as the source stream carried it. */
  event: string;
  /** The last failure's message. */
  error: string;
  /** Deliveries made before giving up. */
  attempts: number;
  /** ISO 8601. */
  deadLetteredAt: string;
}

export interface DeadLetterPage {
  /** Newest first. */
  deadLetters: DeadLetter[];
  hasNextPage: boolean;
}

export type NewDeadLetter = Omit<DeadLetter, "id" | "event" | "error" | "deadLetteredAt"> & { event: DomainEvent; error: unknown; at: Date };

// Acknowledges the entry in its group and, only if that acknowledgement took it off the group's
// pending list, adds the dead letter: atomic in Redis, so of several members giving up on one
// entry at the same moment (a taken-over entry failing in two of them) exactly one moves it.
const MOVE_TO_DEAD_LETTERS = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
return 1`;

/**
 * Moves a pending entry of `letter.stream` to the dead letters: its XACK and the dead letter's
 * XADD happen together or not at all. False, changing nothing, when the entry was no longer
 * pending in the group (another member acknowledged it or moved it first).
 */
export async function moveToDeadLetters(redis: Redis, letter: NewDeadLetter, stream = DEAD_LETTER_STREAM): Promise<boolean> {
  const message = letter.error instanceof Error ? `${letter.error.name}: ${letter.error.message}` : String(letter.error);
  const fields = [
    "stream", letter.stream,
    "group", letter.group,
    "entryId", letter.entryId,
    "eventId", letter.eventId,
    "type", letter.type,
    "event", JSON.stringify(letter.event),
    "error", message.slice(0, MAX_ERROR_LENGTH),
    "attempts", String(letter.attempts),
    "deadLetteredAt", letter.at.toISOString(),
  ];
  return (await redis.eval(MOVE_TO_DEAD_LETTERS, 2, letter.stream, stream, letter.group, letter.entryId, ...fields)) === 1;
}

export class DeadLetters {
  constructor(
    private readonly redis: Redis,
    readonly stream = DEAD_LETTER_STREAM,
  ) {}

  /** A page, newest first, after the dead letter with id `after` (exclusive). */
  async list(first: number, after?: string | null): Promise<DeadLetterPage> {
    if (first === 0) return { deadLetters: [], hasNextPage: false };
    if (after && !isStreamId(after)) throw new RangeError(`${JSON.stringify(after)} is not a dead letter id.`);
    const entries = await this.redis.xrevrange(this.stream, after ? `(${after}` : "+", "-", "COUNT", first + 1);
    return { deadLetters: entries.slice(0, first).map(toDeadLetter), hasNextPage: entries.length > first };
  }

  async get(id: string): Promise<DeadLetter | null> {
    if (!isStreamId(id)) return null;
    const [entry] = await this.redis.xrange(this.stream, id, id);
    return entry ? toDeadLetter(entry) : null;
  }

  /**
   * Adds the event to its source stream again and removes the dead letter, in one MULTI. Every
   * group of that stream receives it: those that applied it skip it (processed_event, within
   * the outbox retention), and the group that gave up has no row for it, so applies it once.
   * Returns the dead letter replayed, or null when there is none with that id. Two replays racing
   * may both add it; the groups dedupe that too.
   */
  async replay(id: string): Promise<DeadLetter | null> {
    const letter = await this.get(id);
    if (!letter) return null;
    const results = await this.redis
      .multi()
      .xadd(letter.stream, "*", "id", letter.eventId, "type", letter.type, "event", letter.event)
      .xdel(this.stream, id)
      .exec();
    for (const [error] of results ?? []) if (error) throw error;
    if (!results) throw new Error("Redis discarded the replay.");
    return letter;
  }
}

function toDeadLetter([id, fields]: [string, string[]]): DeadLetter {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  const text = (key: string) => map.get(key) ?? "";
  return {
    id,
    stream: text("stream"),
    group: text("group"),
    entryId: text("entryId"),
    eventId: text("eventId"),
    type: text("type"),
    event: text("event"),
    error: text("error"),
    attempts: Number(text("attempts")) || 0,
    deadLetteredAt: text("deadLetteredAt"),
  };
}
