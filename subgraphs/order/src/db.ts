// The order subgraph's Prisma client: tables live in the `orders` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";

export type OrderDb = PrismaClient;

/** A transaction of the order database: stores take it to work inside the caller's transaction. */
export type Tx = Prisma.TransactionClient;

export function connectOrderDb(databaseUrl: string): OrderDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema: "orders" }) });
}
