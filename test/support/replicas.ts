// Three replicas of a periodic job, the way three processes of one context run it: each replica
// its own database client (its own pool and connections), all on the same database. The overlap is
// forced by a fourth connection holding a table lock until every replica's statement is queued
// behind it (pg_stat_activity), so they all run their claim at once, whatever the scheduler does.
import { whileHolding } from "./lock-waiter.js";

/** How many replicas every replica-jobs test runs. */
export const REPLICAS = 3;

interface Disconnectable {
  $disconnect(): Promise<void>;
}

/** `count` clients made by `connect`, and a way to close them all. */
export function replicaClients<Db extends Disconnectable>(connect: () => Db, count = REPLICAS) {
  const clients = Array.from({ length: count }, connect);
  return { clients, close: () => Promise.all(clients.map((client) => client.$disconnect())).then(() => undefined) };
}

interface LockingDb<Tx> {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $transaction<R>(work: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R>;
}

/**
 * Runs `race` (the replicas' runs) while `db`'s own transaction holds `table` locked in `mode`, and
 * lets go once `waiting` sessions (one per replica unless told) are queued behind it. ACCESS
 * EXCLUSIVE stops even plain reads; EXCLUSIVE stops row locks and writes, reads pass.
 */
export function whileTableLocked<Tx extends { $executeRawUnsafe(query: string): Promise<number> }, T>(
  db: LockingDb<Tx>,
  table: string,
  race: () => Promise<T>,
  { mode = "ACCESS EXCLUSIVE", waiting = REPLICAS }: { mode?: "ACCESS EXCLUSIVE" | "EXCLUSIVE" | "SHARE"; waiting?: number } = {},
): Promise<T> {
  return whileHolding(db, (tx) => tx.$executeRawUnsafe(`LOCK TABLE ${table} IN ${mode} MODE`), waiting, race);
}
