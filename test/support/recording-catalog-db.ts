// A catalog database client that records every SQL statement it sends, for tests that count queries.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../subgraphs/catalog/src/generated/prisma/client.js";

export function recordingCatalogDb() {
  const queries: string[] = [];
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }, { schema: "catalog" }),
    log: [{ emit: "event", level: "query" }],
  });
  db.$on("query", (event) => queries.push(event.query));
  return { db, queries };
}
