// The pricing context's Prisma client: tables live in the `pricing` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";

export type PricingDb = PrismaClient;

/** The client Prisma hands to a `$transaction` callback: what stores take to work inside one. */
export type Tx = Prisma.TransactionClient;

/** `maxConnections`: the pool's size (pg's default is 10). */
export function connectPricingDb(databaseUrl: string, maxConnections?: number): PricingDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...(maxConnections ? { max: maxConnections } : {}) }, { schema: "pricing" }) });
}
