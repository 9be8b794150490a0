// Settings of the events every context publishes and consumes (libs/outbox), declared once so the
// four contexts read them the same way.
import { z } from "zod";
import { duration } from "./duration.js";

export const eventSettings = {
  /** How often the outbox relay looks for unpublished events besides being woken by each change. */
  OUTBOX_POLL_INTERVAL: duration("1s"),
  /**
   * How long published outbox rows (and processed_event rows) are kept: the window in which the
   * relay can republish what Redis lost, and the span of each context's event history.
   */
  OUTBOX_RETENTION: duration("7d"),
  /** How often retention and stream trimming run. */
  OUTBOX_HOUSEKEEPING_INTERVAL: duration("1m"),
  /** The ceiling a stream is trimmed to (MAXLEN ~) even if a consumer group stopped reading. */
  STREAM_MAX_LENGTH: z.coerce.number().int().min(100).max(100_000_000).default(100_000),
  /** Failed deliveries of an event after which it goes to the dead letters. */
  EVENT_MAX_DELIVERIES: z.coerce.number().int().min(1).max(1000).default(10),
  /** How long an event whose handler failed waits before it is delivered again. */
  EVENT_RETRY_DELAY: duration("30s"),
};
