// Tells this process's rules cache when any pricing process changed a rule: every process reads
// the tail of its own context's stream (pricing-events) and reloads on PromotionChanged and
// TaxRateChanged. Plain XREAD, not a consumer group: a group hands each event to one member, and
// every replica needs every change. Nothing is recorded per reader, so replicas may come and go;
// a change missed while Redis was away is caught by the periodic refresh (PRICING_RULES_REFRESH).
import { once } from "node:events";
import type { Logger } from "@trolley/http";
import { createBlockingRedis, entriesOfRead, type RedisClient, type RedisSettings } from "@trolley/outbox";

export const RULE_CHANGE_EVENTS: readonly string[] = ["PromotionChanged", "TaxRateChanged"];

const BLOCK_MS = 1000;
const RETRY_MS = 1000;
// How long start-up waits for Redis to find the stream's position before going on without it.
const MARK_WAIT_MS = 2000;

export class RuleChangesListener {
  private readonly redis: RedisClient;
  /** The last entry read; "$" (only entries added from now on) until `mark` finds the stream's tail. */
  private position = "$";
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    redis: RedisSettings,
    private readonly stream: string,
    private readonly changed: () => Promise<unknown>,
    private readonly logger: Pick<Logger, "warn" | "info">,
  ) {
    this.redis = createBlockingRedis(redis, BLOCK_MS);
  }

  /**
   * Remembers the stream's newest entry, so that changes published from now on are read even if
   * they land before the first read: call before the rules are first loaded. Without Redis, the
   * first read starts at the stream's end, and the periodic refresh covers the gap.
   */
  async mark(): Promise<void> {
    try {
      if (this.redis.status !== "ready") await once(this.redis, "ready", { signal: AbortSignal.timeout(MARK_WAIT_MS) });
      const [newest] = (await this.redis.xrevrange(this.stream, "+", "-", "COUNT", 1)) as [string, string[]][];
      this.position = newest?.[0] ?? "0-0";
    } catch (error) {
      this.logger.warn("rule changes: cannot read the stream's position; reading from its end", { stream: this.stream, error });
    }
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the loop after its current read (at most BLOCK_MS) and closes the connection; safe when never started. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.redis.disconnect();
  }

  /**
   * Reads what arrived since the last read (waiting up to `blockMs`) and reloads when a rule
   * changed; true when it did. The position moves on only once the reload succeeded, so a failed
   * one is tried again with the same entries.
   */
  async readOnce(blockMs = BLOCK_MS): Promise<boolean> {
    const reply = await this.redis.xread("COUNT", 1000, "BLOCK", blockMs, "STREAMS", this.stream, this.position);
    const entries = entriesOfRead(reply);
    if (entries.length === 0) return false;
    const changed = entries.some((entry) => RULE_CHANGE_EVENTS.includes(entry.fields?.get("type") ?? ""));
    if (changed) await this.changed();
    this.position = entries[entries.length - 1].entryId;
    return changed;
  }

  private async run(): Promise<void> {
    let failing = false;
    while (!this.stopped) {
      try {
        await this.readOnce();
        if (failing) this.logger.info("rule changes: reading the stream again", { stream: this.stream });
        failing = false;
      } catch (error) {
        // One warning per outage; the loop keeps trying.
        if (!failing) this.logger.warn("rule changes: cannot read the stream or reload; retrying", { stream: this.stream, error });
        failing = true;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  }
}
