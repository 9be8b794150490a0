// The little of a database client the outbox needs. A generated PrismaClient and the transaction
// client Prisma passes to `$transaction(fn)` both satisfy it structurally, so this package never
// imports a context's generated client and each context keeps its own.

export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalSqlClient extends SqlClient {
  // Only Prisma's callback overload is named here; a client with more overloads still fits.
  $transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}
