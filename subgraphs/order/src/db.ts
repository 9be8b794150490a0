// The order subgraph's Prisma client: tables live in the `orders` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type OrderDb = PrismaClient;

export function connectOrderDb(databaseUrl: string): OrderDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema: "orders" }) });
}
