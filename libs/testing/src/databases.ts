// Test databases: one template database, migrated and seeded once per test run, and one copy of
// it per vitest worker, so test files in different workers never share tables.
import pg from "pg";


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

/** The databases of one test run: a migrated, seeded template and one copy per worker. */
export function runDatabaseNames(run: string) {
  return {
    template: `trolley_t${run}_template`,
    worker: (worker: number) => `trolley_t${run}_w${worker}`,
  };
}

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

export function listDatabases(prefix: string): Promise<string[]> {
  return withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    return rows.map((row) => row.datname);
  });
}

export function dropDatabases(names: string[]): Promise<void> {
  return withAdmin(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
