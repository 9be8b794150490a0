// The catalog's Prisma client: tables live in the `catalog` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type CatalogDb = PrismaClient;

export function connectCatalogDb(databaseUrl: string): CatalogDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }, { schema: "catalog" }) });
}
