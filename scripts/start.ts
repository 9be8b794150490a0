// `pnpm start`: everything a fresh machine needs after `pnpm install`, in one command. Creates the
// database if missing, applies every context's migrations, seeds the demo catalog, its prices
// (tax rates, promotions) and its shipping options, then runs the six subgraphs and the gateway
// (http://localhost:4000/graphql) and the storefront (http://localhost:5173) until Ctrl-C.
// The storefront is its `vite build` served statically (storefront/server/main.ts); with `pnpm dev`
// it is Vite's dev server, with the development sign-in.
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
const STOREFRONT_PORT = Number(process.env.STOREFRONT_PORT || 5173);
const storefrontDir = "storefront";
const vite = `${storefrontDir}/node_modules/vite/bin/vite.js`;

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

async function waitUntilReady(port: number, child: ChildProcess, name: string, path = "/health/ready", host = "127.0.0.1") {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const ok = await fetch(`http://${host}:${port}${path}`).then((r) => r.ok, () => false);
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
  const storefront = dev
    ? spawn(process.execPath, [vite.slice(storefrontDir.length + 1), "--port", String(STOREFRONT_PORT), "--strictPort"], { cwd: storefrontDir, env, stdio: ["ignore", "inherit", "inherit"] })
    : (execFileSync(process.execPath, [vite.slice(storefrontDir.length + 1), "build", "--logLevel", "warn"], { cwd: storefrontDir, env, stdio: "inherit" }),
      spawn(process.execPath, ["--import", "tsx", `${storefrontDir}/server/main.ts`], { env: { ...env, STOREFRONT_PORT: String(STOREFRONT_PORT) }, stdio: ["ignore", "inherit", "inherit"] }));
  children.push(storefront);
  storefront.on("exit", (code, signal) => {
    if (!stopping) console.error(`storefront stopped (${signal ?? `code ${code}`}); stopping everything`);
    stopAll();
    process.exitCode = code ?? 0;
  });
  await waitUntilReady(STOREFRONT_PORT, storefront, "storefront", "/config.json", "localhost");
  console.log("\nTrolley is up: the shop at http://localhost:5173, the API at http://localhost:4000/graphql (Ctrl-C stops everything)\n");
} catch (error) {
  console.error((error as Error).message);
  stopAll();
  process.exitCode = 1;
}
