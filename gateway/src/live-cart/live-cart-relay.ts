// From the contexts' streams to the live cart's pub/sub channels. The gateway processes read the
// streams as one consumer group, so each event is taken by one process, which publishes one
// message to the channel of the cart or product it concerns (or to every subscriber, for a rule
// change); Redis hands that message only to the processes subscribed to the channel, those holding
// a subscriber's socket. Per change: one stream read shared by the fleet and one PUBLISH.
//
// An event is acknowledged once its message is published. A process that dies between the two
// leaves it pending; the others claim what has been pending for CLAIM_IDLE_MS and publish it then
// (a late push is only a late push: the subscriber's query reads the cart as it is by then). After
// a Redis restart the group is gone with the streams: it is made again, reading from the newest entry.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "@trolley/http";
import { parseEntry, type StreamEntry } from "@trolley/outbox";
import { channelOf, LIVE_CART_STREAMS, routeEvent } from "./live-cart-signals.js";

export const LIVE_CART_GROUP = "gateway-live-cart";

const BATCH = 100;
const CLAIM_IDLE_MS = 30_000;
const RETRY_MS = 1_000;

type RawEntry = [string, string[] | null];

function toEntry([entryId, fields]: RawEntry): StreamEntry {
  if (!fields) return { entryId, fields: null };
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return { entryId, fields: map };
}

export interface LiveCartRelayOptions {
  /**
   * A connection of its own: it blocks in XREADGROUP, and the relay's one loop also publishes,
   * acknowledges and claims on it, so none of that waits in line with the requests' commands.
   */
  redis: Redis;
  db: number;
  blockMs: number;
  logger: Logger;
  /** Counts each event published, by stream. */
  onPublished?: (stream: string) => void;
}

export class LiveCartRelay {
  private readonly consumer = `gateway-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastClaim = 0;
  private down = false;

  constructor(private readonly options: LiveCartRelayOptions) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
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
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        await this.connected();
      }
    }
  }

  /** Until the connection is up (it fails commands at once while down), or closed for good. */
  private connected(): Promise<void> {
    const { redis } = this.options;
    if (redis.status === "ready") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        redis.off("ready", done);
        redis.off("end", done);
        resolve();
      };
      redis.on("ready", done);
      redis.on("end", done);
    });
  }

  /** Makes the group on each stream (and the stream, if no event was ever published), from the newest entry. */
  private async ensureGroups() {
    for (const stream of LIVE_CART_STREAMS) {
      await this.options.redis.xgroup("CREATE", stream, LIVE_CART_GROUP, "$", "MKSTREAM").catch((error: Error) => {
        if (!error.message.includes("BUSYGROUP")) throw error;
      });
    }
  }

  private async readNew(): Promise<number> {
    const { redis, blockMs } = this.options;
    const reply = (await redis.call(
      "XREADGROUP",
      "GROUP",
      LIVE_CART_GROUP,
      this.consumer,
      "COUNT",
      String(BATCH),
      "BLOCK",
      String(blockMs),
      "STREAMS",
      ...LIVE_CART_STREAMS,
      ...LIVE_CART_STREAMS.map(() => ">"),
    )) as [string, RawEntry[]][] | null;
    let count = 0;
    for (const [stream, entries] of reply ?? []) {
      await this.publish(stream, entries.map(toEntry));
      count += entries.length;
    }
    return count;
  }

  /** What other (dead) consumers took and never acknowledged. */
  private async claimStale(): Promise<number> {
    this.lastClaim = Date.now();
    let count = 0;
    for (const stream of LIVE_CART_STREAMS) {
      const [, entries] = (await this.options.redis.call("XAUTOCLAIM", stream, LIVE_CART_GROUP, this.consumer, String(CLAIM_IDLE_MS), "0-0", "COUNT", String(BATCH))) as [
        string,
        RawEntry[],
      ];
      await this.publish(stream, entries.map(toEntry));
      count += entries.length;
    }
    return count;
  }

  private async publish(stream: string, entries: StreamEntry[]) {
    if (entries.length === 0) return;
    const { redis, db, onPublished } = this.options;
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
    for (let i = 0; i < results.length - 1; i++) onPublished?.(stream);
  }
}
