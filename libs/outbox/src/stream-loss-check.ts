// Finds the outbox rows whose stream entries Redis no longer holds, after a restart without
// persistence, an AOF that lost its last second, or a failover to a replica that was behind, and
// marks them unpublished so the relay sends them again from Postgres.
//
// Every way Redis loses stream data drops a suffix of its writes (the newest ones): all of them
// without persistence, the writes of the last second with `appendfsync everysec`, the unreplicated
// tail on a failover. Trimming removes only the oldest entries and never the newest. So if the
// newest entry the outbox recorded is still in the stream, nothing it recorded was lost; if it is
// not, what was lost is every recorded entry after the newest one the stream still holds before
// it. Comparing entry ids, not "last-generated-id", keeps the answer right even when entries were
// added since the restart (by a replay, or a batch that raced the restart and was rolled back).
import type { RedisClient } from "./create-redis.js";
import type { SqlClient } from "./sql-client.js";
import { streamIdOrder } from "./stream-id.js";

/** The run_id in an INFO server reply: a new one every time redis-server starts. */
export function redisRunId(info: string): string {
  const match = /^run_id:([0-9a-f]+)\s*$/m.exec(info);
  if (!match) throw new Error("INFO server answered without a run_id.");
  return match[1];
}

/**
 * The run_id of the Redis holding `stream`. In a Redis Cluster a keyless INFO goes to any node, so
 * it rides in a pipeline with a command on the stream, which sends both to the stream's node: the
 * node the relay's MULTI (which ends with INFO too) writes to.
 */
export async function streamRunId(redis: RedisClient, stream: string): Promise<string> {
  const replies = await redis.pipeline().exists(stream).info("server").exec();
  const [error, info] = replies?.[1] ?? [new Error("Redis discarded the pipeline.")];
  if (error) throw error;
  return redisRunId(String(info));
}

/** Marks lost rows unpublished, in `tx`; returns how many. */
export async function resetLostEvents(tx: SqlClient, redis: RedisClient, table: string, stream: string): Promise<number> {
  const [newest] = await tx.$queryRawUnsafe<{ entryId: string }[]>(
    `SELECT "stream_entry_id" AS "entryId" FROM ${table} WHERE "published_at" IS NOT NULL AND "stream_entry_id" IS NOT NULL ` +
      `ORDER BY ${streamIdOrder(`"stream_entry_id"`, "DESC")} LIMIT 1`,
  );
  if (!newest) {
    // Only rows published before entry ids were recorded, or none: without an id to look for,
    // only a stream that is gone altogether is known to be lost.
    if (await redis.exists(stream)) return 0;
    return resetAll(tx, table);
  }
  if ((await redis.xrange(stream, newest.entryId, newest.entryId)).length > 0) return 0;
  const [survivor] = await redis.xrevrange(stream, newest.entryId, "-", "COUNT", 1);
  if (!survivor) return resetAll(tx, table);
  const [ms, seq] = survivor[0].split("-");
  return tx.$executeRawUnsafe(
    `UPDATE ${table} SET "published_at" = NULL WHERE "published_at" IS NOT NULL AND "stream_entry_id" IS NOT NULL ` +
      `AND (split_part("stream_entry_id", '-', 1)::bigint, split_part("stream_entry_id", '-', 2)::bigint) > ($1::bigint, $2::bigint)`,
    ms,
    seq,
  );
}

// Everything still in the outbox is within retention (older rows are pruned), so this is "every
// event consumers may not have seen"; they dedupe the ones they had.
const resetAll = (tx: SqlClient, table: string) =>
  tx.$executeRawUnsafe(`UPDATE ${table} SET "published_at" = NULL WHERE "published_at" IS NOT NULL`);
