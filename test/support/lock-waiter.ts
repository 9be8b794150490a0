// A barrier made of a row lock: a test holds a lock in a transaction of its own, waits here until
// another session is queued behind it, acts, and lets go. The queued statement then runs against
// whatever the test committed, so the interleaving is certain rather than likely.
import { eventually } from "./eventually.js";

interface Db {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

/**
 * Resolves once `waiting` sessions of this database (one unless told) wait for a lock, as
 * pg_stat_activity says, e.g. every competitor of a race queued behind the lock the test holds.
 */
export async function lockWaiter(db: Db, { waiting = 1, timeoutMs = 10_000 }: { waiting?: number; timeoutMs?: number } = {}): Promise<void> {
  await eventually(async () => {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS "waiting" FROM pg_stat_activity
      WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
    if (!row || row.waiting < waiting) throw new Error(`${row?.waiting ?? 0} of ${waiting} sessions are waiting for a lock so far`);
  }, timeoutMs, 10);
}
