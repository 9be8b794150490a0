// Keeps a context's stream bounded. Two trims, both idempotent, so any number of processes may
// run them at once:
// - MINID: removes the entries every consumer group is done with. A group's floor is its smallest
//   pending id when it has pending entries (everything before that it has acknowledged), else its
//   last-delivered-id; entries below the smallest floor go. With no group at all nothing is
//   removed this way, since a group created later starts from the stream's first entry.
// - MAXLEN ~ ceiling: a group that stopped reading (a context taken away, a stuck consumer)
//   would otherwise hold the stream forever. What it loses to this trim it cannot read; those
//   events are still in the producer's outbox within retention.
// Neither removes the newest entry, which the relay's loss check relies on (stream-loss-check.ts).
import type { RedisClient } from "./create-redis.js";
import { compareStreamIds } from "./stream-id.js";

export interface StreamTrimmerOptions {
  redis: RedisClient;
  stream: string;
  /** The MAXLEN ceiling (STREAM_MAX_LENGTH). */
  maxLength: number;
}

export class StreamTrimmer {
  constructor(private readonly options: StreamTrimmerOptions) {
    if (!Number.isInteger(options.maxLength) || options.maxLength < 1) throw new RangeError(`maxLength must be a positive integer; got ${options.maxLength}.`);
  }

  /** One trim; returns the MINID used (if any) and how many entries were removed. */
  async trim(): Promise<{ minId: string | undefined; removed: number }> {
    const { redis, stream, maxLength } = this.options;
    if (!(await redis.exists(stream))) return { minId: undefined, removed: 0 };
    const minId = await this.acknowledgedFloor();
    let removed = 0;
    if (minId !== undefined) removed += Number(await redis.xtrim(stream, "MINID", minId));
    removed += Number(await redis.xtrim(stream, "MAXLEN", "~", maxLength));
    return { minId, removed };
  }

  /** The smallest floor over the stream's groups, or undefined when it has none. */
  private async acknowledgedFloor(): Promise<string | undefined> {
    const { redis, stream } = this.options;
    const groups = (await redis.xinfo("GROUPS", stream)) as unknown[][];
    let floor: string | undefined;
    for (const raw of groups) {
      const group = fieldsOf(raw);
      const pending = Number(group.get("pending"));
      let groupFloor = String(group.get("last-delivered-id"));
      if (pending > 0) {
        // XPENDING's summary: [count, smallest id, greatest id, consumers].
        const [, smallest] = (await redis.xpending(stream, String(group.get("name")))) as [number, string | null];
        if (smallest) groupFloor = smallest;
      }
      if (floor === undefined || compareStreamIds(groupFloor, floor) < 0) floor = groupFloor;
    }
    return floor;
  }
}

function fieldsOf(flat: unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), flat[i + 1]);
  return map;
}
