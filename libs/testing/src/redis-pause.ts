// Forcing Redis commands to overlap: with writes paused (CLIENT PAUSE WRITE), every client's next
// write waits inside Redis, so commands sent from several connections are all in flight at once
// when the pause ends. The test waits until Redis shows that many connections of its database
// held on the command, so the overlap is a fact, not a hope.
import { eventually } from "./waiting.js";

/** What is used of an ioredis client: CLIENT commands and its database number. */
export interface RedisAdmin {
  client(...args: (string | number)[]): Promise<unknown>;
  options: { db?: number };
}

/** Connections of `db` whose command Redis is holding (flag `b`), by command name. */
async function heldConnections(admin: RedisAdmin, db: number, commands: readonly string[]): Promise<number> {
  const clients = String(await admin.client("LIST")).split("\n");
  return clients.filter((line) => line.includes(` db=${db} `) && / flags=\w*b/.test(line) && commands.some((cmd) => line.includes(` cmd=${cmd} `))).length;
}

/**
 * Runs `start` with Redis writes paused and resumes them once `connections` connections of the
 * admin client's database are held on one of `commands`; answers what `start` answers. The pause
 * lifts by itself after `maxPauseMs` should the test fail before resuming it.
 */
export async function whileRedisWritesPaused<T>(
  admin: RedisAdmin,
  connections: number,
  start: () => Promise<T>,
  { commands = ["eval", "evalsha"], maxPauseMs = 5_000 }: { commands?: readonly string[]; maxPauseMs?: number } = {},
): Promise<T> {
  const db = Number(admin.options.db ?? 0);
  await admin.client("PAUSE", maxPauseMs, "WRITE");
  let running: Promise<T>;
  try {
    running = start();
    // Settled only after the pause ends; a failure is the caller's to see when it awaits.
    running.catch(() => {});
    await eventually(async () => (await heldConnections(admin, db, commands)) >= connections, maxPauseMs - 500);
  } finally {
    await admin.client("UNPAUSE");
  }
  return running;
}
