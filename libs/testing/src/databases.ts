// Test databases: one template database, migrated and seeded once per test run, and one copy of
// it per vitest worker, so test files in different workers never share tables.
import pg from "pg";

export const TEMPLATE_DATABASE = "trolley_test_template";

/** The server to create test databases on (no database name). */
export function serverUrl(env: Record<string, string | undefined> = process.env): URL {
  const url = new URL(env.TEST_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}

export function databaseUrl(name: string, env: Record<string, string | undefined> = process.env): string {
  const url = serverUrl(env);
  url.pathname = `/${name}`;
  return url.toString();
}

export const workerDatabaseName = (workerId: string | number) => `trolley_test_w${workerId}`;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function recreateDatabase(name: string, template?: string): Promise<void> {
  return withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  });
}

/** Creates the database if it is missing; used by the start script on a fresh machine. */
export function ensureDatabase(name: string): Promise<boolean> {
  return withAdmin(async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  });
}
