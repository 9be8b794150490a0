// The pricing context's Prisma client: tables live in the `pricing` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type PricingDb = PrismaClient;

/** `maxConnections`: the pool's size (pg's default is 10). */
export function connectPricingDb(databaseUrl: string, maxConnections?: number): PricingDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...(maxConnections ? { max: maxConnections } : {}) }, { schema: "pricing" }) });
}
