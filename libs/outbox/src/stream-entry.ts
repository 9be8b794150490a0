// Stream entries as a consumer group reads them: the nested arrays ioredis returns for XREADGROUP
// and XAUTOCLAIM, turned into entries, and an entry's `event` field turned into a DomainEvent.
import type { DomainEvent } from "./domain-event.js";

export interface StreamEntry {
  /** The stream's own id (`1700000000000-0`), which XACK takes; not the event's id. */
  entryId: string;
  /** Field/value pairs; null for an entry deleted (XDEL, trimming) while it was pending. */
  fields: Map<string, string> | null;
}

type RawEntry = [entryId: string, fields: string[] | null];

function toEntry([entryId, fields]: RawEntry): StreamEntry {
  if (!fields) return { entryId, fields: null };
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return { entryId, fields: map };
}

/** XREADGROUP's reply for a single stream; null when BLOCK ran out with nothing new. */
export function entriesOfRead(reply: unknown): StreamEntry[] {
  if (!reply) return [];
  const [[, entries]] = reply as [stream: string, entries: RawEntry[]][];
  return entries.map(toEntry);
}

/** XAUTOCLAIM's reply: where the next scan starts ("0-0" once the pending list is covered). */
export function entriesOfAutoclaim(reply: unknown): { next: string; entries: StreamEntry[]; deleted: string[] } {
  // Redis 7 lists entries deleted while pending separately (and drops them from the pending list);
  // Redis 6.2 returns them among the entries without fields.
  const [next, entries, deleted = []] = reply as [string, RawEntry[], string[]?];
  return { next, entries: entries.map(toEntry), deleted };
}

export type ParsedEntry = { event: DomainEvent } | { malformed: string };

/** The event in an entry the relay added (fields `id`, `type`, `event`), or why there is none. */
export function parseEntry(entry: StreamEntry): ParsedEntry {
  if (!entry.fields) return { malformed: "the entry was deleted from the stream while pending" };
  const json = entry.fields.get("event");
  if (json === undefined) return { malformed: "the entry has no event field" };
  let event: unknown;
  try {
    event = JSON.parse(json);
  } catch {
    return { malformed: "the event field is not JSON" };
  }
  // The id is the idempotency key and the type decides who handles it; without them an event
  // cannot be processed safely.
  const { id, type } = (event ?? {}) as Partial<DomainEvent>;
  if (typeof id !== "string" || !id || typeof type !== "string") return { malformed: "the event has no string id and type" };
  return { event: event as DomainEvent };
}
