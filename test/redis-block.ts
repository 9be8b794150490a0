// A test run's own Redis databases: one block of databases on the test Redis server, claimed in
// database 0 for as long as the run lives, so two runs on one machine never share a database.
// Blocks are 1-4, 5-8 and 9-12 (database 0 holds the claims; 13-15 are left over). A claim is a key
// holding its owner (`host:pid`) that expires unless renewed, so a run killed without its teardown
// frees its block within CLAIM_TTL_S; a claim whose owner is a dead process on this host is taken
// over at once.
import { hostname } from "node:os";
import { Redis } from "ioredis";

export const BLOCK_SIZE = 4;
const BLOCKS = 3;
const CLAIM_TTL_S = 120;
const RENEW_EVERY_MS = 30_000;

const claimKey = (block: number) => `trolley:test-run:block:${block}`;

// Compare-and-set: only the value read a moment ago may be replaced, so two runs taking over one
// dead run's block cannot both win.
const TAKE_OVER = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("SET", KEYS[1], ARGV[2], "EX", ARGV[3]) end return false`;
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("EXPIRE", KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** True when the claim's owner is a process of this host that is gone. */
function ownerIsDead(owner: string): boolean {
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(":")), Number(owner.slice(owner.lastIndexOf(":") + 1))];
  return host === hostname() && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
}

export interface RedisBlock {
  /** The block's first database; worker N (1-based) uses `first + N - 1`. */
  first: number;
  release(): Promise<void>;
}

/** Claims a free block of databases on the server `url` points at, emptied for this run. */
export async function claimRedisBlock(url: string, workers: number): Promise<RedisBlock> {
  if (workers > BLOCK_SIZE) throw new Error(`A test run has at most ${BLOCK_SIZE} workers (one Redis database each); MAX_WORKERS is ${workers}.`);
  const server = new URL(url);
  server.pathname = "/0";
  const redis = new Redis(server.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const owner = `${hostname()}:${process.pid}`;
  try {
    const owners: string[] = [];
    for (let block = 0; block < BLOCKS; block++) {
      const key = claimKey(block);
      let claimed = (await redis.set(key, owner, "EX", CLAIM_TTL_S, "NX")) === "OK";
      if (!claimed) {
        const current = await redis.get(key);
        if (current !== null && ownerIsDead(current)) claimed = (await redis.eval(TAKE_OVER, 1, key, current, owner, CLAIM_TTL_S)) === "OK";
        else owners.push(current ?? "(expired just now)");
      }
      if (!claimed) continue;

      const first = 1 + block * BLOCK_SIZE;
      // A block taken over may hold a dead run's keys.
      for (let db = first; db < first + BLOCK_SIZE; db++) {
        await redis.select(db);
        await redis.flushdb();
      }
      await redis.select(0);
      const renew = setInterval(() => void redis.eval(RENEW, 1, key, owner, CLAIM_TTL_S).catch(() => {}), RENEW_EVERY_MS);
      renew.unref();
      return {
        first,
        async release() {
          clearInterval(renew);
          await redis.eval(RELEASE, 1, key, owner).catch(() => {});
          redis.disconnect();
        },
      };
    }
    throw new Error(
      `No free block of Redis databases on ${server.host}: all ${BLOCKS} are claimed by running test runs (${owners.join(", ")}). ` +
        `Wait for one to finish, or point TEST_REDIS_URL at another Redis server.`,
    );
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
