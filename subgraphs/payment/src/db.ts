// The payment subgraph's Prisma client: tables live in the `payment` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type PaymentDb = PrismaClient;

export function connectPaymentDb(databaseUrl: string): PaymentDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema: "payment" }) });
}
