// The catalog's Prisma client: tables live in the `catalog` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";

export type CatalogDb = PrismaClient;

/** The client Prisma hands to a `$transaction` callback: what stores take to work inside one. */
export type Tx = Prisma.TransactionClient;

export function connectCatalogDb(databaseUrl: string): CatalogDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema: "catalog" }) });
}
