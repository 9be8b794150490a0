// The shipping context's Prisma client: tables live in the `shipping` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";

export type ShippingDb = PrismaClient;

/** The client Prisma hands to a `$transaction` callback: what stores take to work inside one. */
export type Tx = Prisma.TransactionClient;

/** `maxConnections`: the pool's size (pg's default is 10). */
export function connectShippingDb(databaseUrl: string, maxConnections?: number): ShippingDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...(maxConnections ? { max: maxConnections } : {}) }, { schema: "shipping" }) });
}
