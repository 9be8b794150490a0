// Database clients that record every SQL statement they send, as Prisma reports it, for tests that
// count queries. Each is a drop-in for its subgraph's own client (CatalogDb, CartDb, PricingDb).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as CartClient } from "../../subgraphs/cart/src/generated/prisma/client.js";
import { PrismaClient as CatalogClient } from "../../subgraphs/catalog/src/generated/prisma/client.js";
import { PrismaClient as PricingClient } from "../../subgraphs/pricing/src/generated/prisma/client.js";

type QueryLog = [{ emit: "event"; level: "query" }];

function recording<Db extends { $on(event: "query", listener: (event: { query: string }) => void): unknown }>(connect: (log: QueryLog) => Db) {
  const queries: string[] = [];
  const db = connect([{ emit: "event", level: "query" }]);
  db.$on("query", (event) => queries.push(event.query));
  return { db, queries };
}

export const recordingCatalogDb = () =>
  recording((log) => new CatalogClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }, { schema: "catalog" }), log }));

export const recordingCartDb = () =>
  recording((log) => new CartClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, options: "-c search_path=cart" }, { schema: "cart" }), log }));

export const recordingPricingDb = () =>
  recording((log) => new PricingClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }, { schema: "pricing" }), log }));
