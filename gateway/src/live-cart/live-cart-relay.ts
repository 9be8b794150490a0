// From a context's stream to the live cart's pub/sub channels. The gateway processes read each of
// LIVE_CART_STREAMS as one consumer group, so each event is taken by one process, which publishes one
// message to the channel of the cart or product it concerns (or to every subscriber, for a rule
// change); Redis hands that message only to the processes subscribed to the channel, those holding
// a subscriber's socket. Per change: one stream read shared by the fleet and one PUBLISH.
//
// An event is acknowledged once its message is published. A process that dies between the two
// leaves it pending; the others claim what has been pending for CLAIM_IDLE_MS and publish it then
// (a late push is only a late push: the subscriber's query reads the cart as it is by then). After
// a Redis restart the group is gone with the streams: it is made again, reading from the newest entry.
// One relay (and one blocking connection) per stream: every command names one key, as a Redis
// Cluster requires (the streams' names are public, so no hash tag can put them in one slot).
import { randomUUID } from "node:crypto";
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";
import { entriesOfAutoclaim, entriesOfRead, parseEntry, type StreamEntry } from "@trolley/outbox";
import { channelOf, routeEvent } from "./live-cart-signals.js";

export const LIVE_CART_GROUP = "gateway-live-cart";

const BATCH = 100;
const CLAIM_IDLE_MS = 30_000;
const RETRY_MS = 1_000;


export interface LiveCartRelayOptions {
  /**
   * A connection of its own: it blocks in XREADGROUP, and the relay's one loop also publishes,
   * acknowledges and claims on it, so none of that waits in line with the requests' commands.
   */
  redis: RedisClient;
  /** One of LIVE_CART_STREAMS. */
  stream: string;
  db: number;
  blockMs: number;
  logger: Logger;
  /** Counts each event published. */
  onPublished?: () => void;
}

export class LiveCartRelay {
  private readonly consumer = `gateway-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastClaim = 0;
  private down = false;
  private stopping!: () => void;
  /** Settles on stop(): whatever the loop waits for (a connection that never comes, a retry) ends with it. */
  private readonly stopped = new Promise<void>((resolve) => (this.stopping = resolve));

  constructor(private readonly options: LiveCartRelayOptions) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    this.stopping();
    // The blocked read ends with the connection.
    this.options.redis.disconnect();
    await this.loop;
  }

  private async run() {
    await this.connected();
    await this.ensureGroups().catch(() => {});
    while (this.running) {
      try {
        const claimed = Date.now() - this.lastClaim >= CLAIM_IDLE_MS ? await this.claimStale() : 0;
        const read = await this.readNew();
        if (this.down) {
          this.down = false;
          this.options.logger.info("live cart relay reading again");
        }
        if (claimed + read === 0) continue;
      } catch (error) {
        if (!this.running) return;
        if (String((error as Error).message).includes("NOGROUP")) {
          await this.ensureGroups().catch(() => {});
          continue;
        }
        if (!this.down) {
          this.down = true;
          this.options.logger.warn("live cart relay cannot read the streams; retrying", { error });
        }
        await this.untilStopped(new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref()));
        await this.connected();
      }
    }
  }

  /** Until the connection is up (it fails commands at once while down), or the relay stops. */
  private connected(): Promise<void> {
    const { redis } = this.options;
    if (redis.status === "ready") return Promise.resolve();
    let done = () => {};
    const ready = new Promise<void>((resolve) => {
      done = () => resolve();
      redis.once("ready", done);
    });
    return this.untilStopped(ready).finally(() => redis.off("ready", done));
  }

  private untilStopped(wait: Promise<unknown>): Promise<void> {
    return Promise.race([wait, this.stopped]).then(() => undefined);
  }

  /** Makes the group (and the stream, if no event was ever published), from the newest entry. */
  private async ensureGroups() {
    await this.options.redis.xgroup("CREATE", this.options.stream, LIVE_CART_GROUP, "$", "MKSTREAM").catch((error: Error) => {
      if (!error.message.includes("BUSYGROUP")) throw error;
    });
  }

  private async readNew(): Promise<number> {
    const { redis, blockMs, stream } = this.options;
    const entries = entriesOfRead(await redis.call("XREADGROUP", "GROUP", LIVE_CART_GROUP, this.consumer, "COUNT", String(BATCH), "BLOCK", String(blockMs), "STREAMS", stream, ">"));
    await this.publish(entries);
    return entries.length;
  }

  /** What other (dead) consumers took and never acknowledged. */
  private async claimStale(): Promise<number> {
    this.lastClaim = Date.now();
    const { redis, stream } = this.options;
    const { entries } = entriesOfAutoclaim(await redis.xautoclaim(stream, LIVE_CART_GROUP, this.consumer, CLAIM_IDLE_MS, "0-0", "COUNT", BATCH));
    await this.publish(entries);
    return entries.length;
  }

  private async publish(entries: StreamEntry[]) {
    if (entries.length === 0) return;
    const { redis, db, stream, onPublished } = this.options;
    const pipeline = redis.pipeline();
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      const routed = "event" in parsed ? routeEvent(stream, parsed.event) : null;
      if (routed) pipeline.publish(channelOf(db, routed.target), JSON.stringify(routed.signal));
    }
    pipeline.xack(stream, LIVE_CART_GROUP, ...entries.map((e) => e.entryId));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    for (let i = 0; i < results.length - 1; i++) onPublished?.();
  }
}
