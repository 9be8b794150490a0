#!/usr/bin/env node
// `node scripts/image-sizes.mjs`: what each service image holds on top of node:20-bookworm-slim.
// Builds the same folders the Dockerfile copies into each image (`pnpm deploy --prod` of the
// package after `pnpm build`, plus the subgraph's own migrations), in a temp folder, measures them
// and removes them. Run `pnpm build` first.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, lstatSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const services = [
  { name: "catalog", pkg: "@trolley/catalog", context: "catalog" },
  { name: "cart", pkg: "@trolley/cart", context: "cart" },
  { name: "order", pkg: "@trolley/order", context: "order" },
  { name: "payment", pkg: "@trolley/payment", context: "payment" },
  { name: "pricing", pkg: "@trolley/pricing", context: "pricing" },
  { name: "shipping", pkg: "@trolley/shipping", context: "shipping" },
  { name: "gateway", pkg: "@trolley/gateway" },
];

/** Bytes under `path`, each hard-linked or symlinked file counted once, as an image layer stores it. */
function size(path, seen = new Set()) {
  const stat = lstatSync(path);
  if (seen.has(stat.ino)) return 0;
  seen.add(stat.ino);
  if (!stat.isDirectory()) return stat.isSymbolicLink() ? 0 : stat.size;
  return readdirSync(path).reduce((total, entry) => total + size(join(path, entry), seen), 0);
}

const work = mkdtempSync(join(tmpdir(), "trolley-images-"));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
try {
  console.log("image     contents   node_modules   app (dist, migrations)");
  for (const service of services) {
    const out = join(work, service.name);
    execFileSync("pnpm", ["--config.inject-workspace-packages=true", "--filter", service.pkg, "deploy", "--prod", "--offline", out], { cwd: root, stdio: "pipe" });
    rmSync(join(out, "pnpm-lock.yaml"), { force: true });
    if (service.context) {
      cpSync(join(root, "prisma", service.context), join(out, "prisma", service.context), { recursive: true });
      cpSync(join(root, "prisma", "context-config.ts"), join(out, "prisma", "context-config.ts"));
      cpSync(join(root, "scripts", "migrate-context.mjs"), join(out, "scripts", "migrate-context.mjs"));
    }
    const total = size(out);
    const modules = size(join(out, "node_modules"));
    console.log(`${service.name.padEnd(9)} ${mb(total).padStart(6)} MB  ${mb(modules).padStart(9)} MB  ${mb(total - modules).padStart(9)} MB`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
