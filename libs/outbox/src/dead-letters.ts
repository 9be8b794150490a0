// The dead-letter stream: events a consumer group gave up on after EVENT_MAX_DELIVERIES failed
// deliveries, kept for an operator to inspect, fix the cause, and replay. One stream for every
// context, so one admin view lists them all; each entry names the stream and group it came from.
// Listing and replaying live here, not in a context, because any group's dead letters look alike.
//
// The dead-letter stream and a source stream may sit on different nodes of a Redis Cluster (the
// source streams' names are public, so no hash tag puts them in one slot), so nothing here is one
// MULTI or script across the two. Each move writes its destination first and removes its source
// second: a failure between the two leaves the event in both places, never in neither. The repeat
// is harmless: a dead letter given twice is replayed twice at most, and groups dedupe replays.
import type { RedisClient } from "./create-redis.js";
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

/**
 * How long a member's claim to move an entry stands. While it stands, no other member moves that
 * entry; a member that died holding it leaves the entry pending, and it is moved by whoever fails
 * it next after the claim has lapsed: late, never lost.
 */
const MOVE_CLAIM_MS = 10 * 60_000;

const moveClaimKey = (letter: Pick<NewDeadLetter, "stream" | "group" | "entryId">) => `dead-letters:moving:${letter.stream}:${letter.group}:${letter.entryId}`;

/**
 * Moves a pending entry of `letter.stream` to the dead letters, by one member only: of several
 * members giving up on one entry at the same moment (a taken-over entry failing in two of them),
 * the one that takes the entry's claim (one SET NX, a key of its own, so any cluster slot) adds
 * the dead letter and then acknowledges the entry; the others change nothing and answer false.
 */
export async function moveToDeadLetters(redis: RedisClient, letter: NewDeadLetter, stream = DEAD_LETTER_STREAM): Promise<boolean> {
  if ((await redis.set(moveClaimKey(letter), "1", "PX", MOVE_CLAIM_MS, "NX")) !== "OK") return false;
  const message = letter.error instanceof Error ? `${letter.error.name}: ${letter.error.message}` : String(letter.error);
  await redis.xadd(
    stream,
    "*",
    "stream", letter.stream,
    "group", letter.group,
    "entryId", letter.entryId,
    "eventId", letter.eventId,
    "type", letter.type,
    "event", JSON.stringify(letter.event),
    "error", message.slice(0, MAX_ERROR_LENGTH),
    "attempts", String(letter.attempts),
    "deadLetteredAt", letter.at.toISOString(),
  );
  await redis.xack(letter.stream, letter.group, letter.entryId);
  return true;
}

export class DeadLetters {
  constructor(
    private readonly redis: RedisClient,
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
   * Adds the event to its source stream again, then removes the dead letter. Every
   * group of that stream receives it: those that applied it skip it (processed_event, within
   * the outbox retention), and the group that gave up has no row for it, so applies it once.
   * Returns the dead letter replayed, or null when there is none with that id. Two replays racing
   * may both add it, as may a replay that failed before removing the dead letter and is tried
   * again; the groups dedupe that too.
   */
  async replay(id: string): Promise<DeadLetter | null> {
    const letter = await this.get(id);
    if (!letter) return null;
    await this.redis.xadd(letter.stream, "*", "id", letter.eventId, "type", letter.type, "event", letter.event);
    await this.redis.xdel(this.stream, id);
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
