// A barrier made of a row lock: a test holds a lock in a transaction of its own, waits here until
// another session is queued behind it, acts, and lets go. The queued statement then runs against
// whatever the test committed, so the interleaving is certain rather than likely.
import { eventually } from "@trolley/testing";

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

/** A Prisma client: its interactive transaction hands `work` a transaction client `Tx`. */
interface TransactionalDb<Tx> extends Db {
  $transaction<R>(work: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R>;
}

class ReleasedByRollback extends Error {}

/**
 * Runs `race` while the test's own transaction holds a lock (`hold`: a row locked FOR UPDATE, or a
 * row inserted and not yet committed, which holds a unique key), and lets go only once `waiting`
 * of the racers' sessions are queued behind it: they are then all inside their critical section at
 * once, whatever the scheduler would have done with a bare Promise.all. `rollback` undoes what
 * `hold` wrote (an inserted row) instead of committing it.
 */
export async function whileHolding<Tx, T>(
  db: TransactionalDb<Tx>,
  hold: (tx: Tx) => Promise<unknown>,
  waiting: number,
  race: () => Promise<T>,
  { rollback = false }: { rollback?: boolean } = {},
): Promise<T> {
  let racing!: Promise<T>;
  try {
    await db.$transaction(
      async (tx) => {
        await hold(tx);
        racing = race();
        const finishedEarly = racing.then(() => {
          throw new Error("the race was over before its sessions queued behind the lock");
        });
        await Promise.race([lockWaiter(db, { waiting }), finishedEarly]);
        if (rollback) throw new ReleasedByRollback();
      },
      { timeout: 20_000 },
    );
  } catch (error) {
    if (!(error instanceof ReleasedByRollback)) throw error;
  }
  return racing;
}
