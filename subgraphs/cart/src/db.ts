// The cart's Prisma client: tables live in the `cart` Postgres schema.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type CartDb = PrismaClient;

export function connectCartDb(databaseUrl: string): CartDb {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, options: "-c search_path=cart" }, { schema: "cart" }),
  });
}
