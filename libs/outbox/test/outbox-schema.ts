// Each test file gets its own Postgres schema holding a fresh outbox table (the DDL of the cart's
// migrations), and Prisma clients of the cart's generated client as the outbox's SqlClient.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../subgraphs/cart/src/generated/prisma/client.js";

const DDL = (schema: string) => `
  CREATE SCHEMA "${schema}";
  CREATE TABLE "${schema}"."outbox_event" (
    "id" TEXT PRIMARY KEY, "type" TEXT NOT NULL, "aggregate_id" TEXT NOT NULL, "user_id" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL, "data" JSONB NOT NULL, "published_at" TIMESTAMP(3),
    "position" BIGSERIAL NOT NULL, "stream_entry_id" TEXT);
  CREATE INDEX ON "${schema}"."outbox_event"("position") WHERE "published_at" IS NULL;
  CREATE INDEX ON "${schema}"."outbox_event"("aggregate_id", "position");
  CREATE INDEX ON "${schema}"."outbox_event"("published_at");`;

export interface OutboxSchema {
  name: string;
  /** A new client per call: two clients stand for two processes. */
  prisma(): PrismaClient;
  /** Direct SQL, for checking rows without going through the code under test. */
  sql: pg.Client;
  drop(): Promise<void>;
}

export async function createOutboxSchema(): Promise<OutboxSchema> {
  const connectionString = process.env.DATABASE_URL!;
  const name = `outbox_test_${randomBytes(6).toString("hex")}`;
  const sql = new pg.Client({ connectionString });
  await sql.connect();
  await sql.query(DDL(name));
  const clients: PrismaClient[] = [];
  return {
    name,
    sql,
    prisma() {
      const client = new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema: "cart" }) });
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.all(clients.map((client) => client.$disconnect()));
      await sql.query(`DROP SCHEMA "${name}" CASCADE`);
      await sql.end();
    },
  };
}
