// How a context applies another context's facts: one class per stream it reads, in a file named
// `*.handler.ts`, wired with ContextEvents.consume.
import type { DomainEvent } from "./domain-event.js";

export interface EventHandler<Tx> {
  /** The event types it applies; the consumer acknowledges the others without calling it. */
  readonly types: readonly string[];
  /**
   * Applies one event inside the transaction that records it as processed, so its effect and the
   * dedupe record commit together (delivery is at least once). Resolves true when it changed
   * something (appended events of its own, say), so that ContextEvents can act once it committed.
   */
  handle(event: DomainEvent, tx: Tx): Promise<boolean>;
}
