// The shape of an event as the public API documents it: what goes into a context's Redis stream
// and what a consumer receives. Consumers dedupe by `id`; delivery is at least once.

export interface DomainEvent {
  /** A uuid, unique across contexts; the consumer's idempotency key. */
  id: string;
  /** Past-tense fact, e.g. `CartLineAdded`. */
  type: string;
  /** ISO 8601, UTC, millisecond precision (the column is TIMESTAMP(3)). */
  occurredAt: string;
  aggregateId: string;
  /** The user the fact concerns, or null (guests, system actions). */
  userId: string | null;
  data: Record<string, unknown>;
}

/** An event as a service hands it to the outbox: the outbox assigns the id. */
export interface NewEvent {
  type: string;
  occurredAt: Date;
  aggregateId: string;
  userId: string | null;
  data: Record<string, unknown>;
}

/** An event read back from the outbox as an audit entry. */
export interface RecordedEvent extends DomainEvent {
  /** When the relay handed it to Redis; null while it waits. */
  publishedAt: string | null;
}
