// A barrier made of a row lock: a test holds a lock in a transaction of its own, waits here until
// another session is queued behind it, acts, and lets go. The queued statement then runs against
// whatever the test committed, so the interleaving is certain rather than likely.
import { eventually } from "./eventually.js";

interface Db {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

/** Resolves once a session of this database waits for a lock (pg_stat_activity says so). */
export async function lockWaiter(db: Db, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS "waiting" FROM pg_stat_activity
      WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
    if (!row || row.waiting < 1) throw new Error("no session is waiting for a lock yet");
  }, timeoutMs, 10);
}
