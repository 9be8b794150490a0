import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, StreamTrimmer } from "../src/index.js";

const REDIS_URL = process.env.REDIS_URL!;
let redis: Redis;
const streams: string[] = [];

beforeAll(async () => {
  redis = createRedis(REDIS_URL);
  if (redis.status !== "ready") await once(redis, "ready");
});
afterAll(async () => {
  if (streams.length) await redis.del(...streams);
  redis.disconnect();
});

async function streamOf(count: number) {
  const stream = `test-trim-${randomUUID()}`;
  streams.push(stream);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await redis.xadd(stream, "*", "i", String(i)))!);
  return { stream, ids };
}

/** Reads `count` new entries as one member of `group`, acknowledging the first `ack` of them. */
async function read(stream: string, group: string, count: number, ack: number) {
  const reply = (await redis.xreadgroup("GROUP", group, "member", "COUNT", count, "STREAMS", stream, ">")) as [string, [string, string[]][]][];
  const ids = reply[0][1].map(([id]) => id);
  if (ack > 0) await redis.xack(stream, group, ...ids.slice(0, ack));
  return ids;
}

const remaining = async (stream: string) => (await redis.xrange(stream, "-", "+")).map(([id]) => id);

describe("StreamTrimmer", () => {
  it("removes only what every group has acknowledged: below the smallest pending id or last-delivered id", async () => {
    const { stream, ids } = await streamOf(10);
    await redis.xgroup("CREATE", stream, "fast", "0");
    await redis.xgroup("CREATE", stream, "slow", "0");
    await read(stream, "fast", 8, 8); // fast: everything up to ids[7] acknowledged
    await read(stream, "slow", 6, 3); // slow: ids[0..2] acknowledged, ids[3..5] pending

    const trimmer = new StreamTrimmer({ redis, stream, maxLength: 1000 });
    expect(await trimmer.trim()).toEqual({ minId: ids[3], removed: 3 });
    expect(await remaining(stream)).toEqual(ids.slice(3));

    // The slow group acknowledges the rest of what it read: its floor moves to its last-delivered id.
    await redis.xack(stream, "slow", ids[3], ids[4], ids[5]);
    expect(await trimmer.trim()).toEqual({ minId: ids[5], removed: 2 });
    // Idempotent: a second process trimming at once removes nothing more.
    expect((await trimmer.trim()).removed).toBe(0);
    expect(await remaining(stream)).toEqual(ids.slice(5));
  });

  it("without any group, keeps every entry up to the length ceiling", async () => {
    const { stream, ids } = await streamOf(5);
    expect(await new StreamTrimmer({ redis, stream, maxLength: 1000 }).trim()).toEqual({ minId: undefined, removed: 0 });
    expect(await remaining(stream)).toEqual(ids);
  });

  it("a group that stopped reading cannot hold the stream beyond the ceiling, and the newest entry stays", async () => {
    const { stream, ids } = await streamOf(450);
    await redis.xgroup("CREATE", stream, "dead", "0"); // never reads
    const { removed } = await new StreamTrimmer({ redis, stream, maxLength: 100 }).trim();
    // MAXLEN ~ trims whole radix nodes (100 entries each by default): at least the ceiling remains.
    const left = await remaining(stream);
    expect(left.length).toBeGreaterThanOrEqual(100);
    expect(left.length).toBeLessThan(450);
    expect(removed).toBe(450 - left.length);
    expect(left.at(-1)).toBe(ids.at(-1));
  });

  it("leaves a stream that does not exist alone", async () => {
    const stream = `test-trim-${randomUUID()}`;
    expect(await new StreamTrimmer({ redis, stream, maxLength: 10 }).trim()).toEqual({ minId: undefined, removed: 0 });
    expect(await redis.exists(stream)).toBe(0);
  });
});
