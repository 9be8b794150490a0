// `pnpm start`: everything a fresh machine needs after `pnpm install`, in one command. Creates the
// database if missing, applies every context's migrations, seeds the demo catalog, its prices
// (tax rates, promotions) and its shipping options, then runs the six subgraphs and the gateway
// (http://localhost:4000/graphql) until Ctrl-C.
// They run compiled, as production runs them (`pnpm start` builds first: `pnpm build`); `pnpm dev` runs the TypeScript sources through tsx, with the gateway composing the supergraph live
// from the subgraphs.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import pg from "pg";
import { serviceArgs } from "./service-command.js";

const dev = process.argv.includes("--dev");
const mode = process.argv.includes("--compiled") ? "compiled" : "source";
const databaseUrl = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/trolley";
const services = [
  { name: "catalog", dir: "subgraphs/catalog", port: 4001 },
  { name: "cart", dir: "subgraphs/cart", port: 4002 },
  { name: "order", dir: "subgraphs/order", port: 4003 },
  { name: "payment", dir: "subgraphs/payment", port: 4004 },
  { name: "pricing", dir: "subgraphs/pricing", port: 4005 },
  { name: "shipping", dir: "subgraphs/shipping", port: 4006 },
  { name: "gateway", dir: "gateway", port: 4000 },
];

async function ensureDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = "/postgres";
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function waitUntilReady(port: number, child: ChildProcess, name: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become ready on port ${port}`);
}

const children: ChildProcess[] = [];
let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);

try {
  await ensureDatabase(databaseUrl);
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  execFileSync(process.execPath, ["scripts/prisma-all.mjs", "migrate", "deploy"], { env, stdio: "inherit" });
  // The pricing seed names the catalog's demo products, so it runs second.
  for (const seed of ["prisma/catalog/seed.ts", "prisma/pricing/seed.ts", "prisma/shipping/seed.ts"]) execFileSync(process.execPath, ["--import", "tsx", seed], { env, stdio: "inherit" });

  for (const service of services) {
    const child = spawn(process.execPath, serviceArgs(service.dir, mode), {
      env: { ...env, PORT: String(service.port), ...(dev && service.name === "gateway" ? { SUPERGRAPH_MODE: "introspect" } : {}) },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(child);
    child.on("exit", (code, signal) => {
      if (!stopping) console.error(`${service.name} stopped (${signal ?? `code ${code}`}); stopping everything`);
      stopAll();
      process.exitCode = code ?? 0;
    });
    await waitUntilReady(service.port, child, service.name);
  }
  console.log("\nTrolley is up: http://localhost:4000/graphql (Ctrl-C stops everything)\n");
} catch (error) {
  console.error((error as Error).message);
  stopAll();
  process.exitCode = 1;
}
