// Production refuses every secret this repository ships: found by reading the files that ship
// them, so a default added later is checked without anyone remembering to list it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { common, ConfigError, loadConfig, MIN_SECRET_BYTES, refuseDevSecretsInProduction, weakSecretReason, z } from "../src/index.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every secret default the repository ships: docker-compose.yml's `${..._SECRET:-value}` and the code's `_SECRET ... .default("value")`. */
function shippedSecrets(): string[] {
  const found = new Set<string>();
  const compose = readFileSync(join(root, "docker-compose.yml"), "utf8");
  for (const [, name, value] of compose.matchAll(/\$\{(\w+):-([^}]+)\}/g)) if (/SECRET|PASSWORD/.test(name)) found.add(value);
  for (const file of [...sourceFiles(join(root, "libs")), ...sourceFiles(join(root, "subgraphs")), ...sourceFiles(join(root, "gateway"))]) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!/SECRET/.test(line)) continue;
      for (const [, value] of line.matchAll(/\.default\("([^"]+)"\)/g)) found.add(value);
      for (const [, value] of line.matchAll(/SECRET\s*=\s*"([^"]+)"/g)) found.add(value);
    }
  }
  return [...found];
}

describe("production secrets", () => {
  it("refuse every default shipped in docker-compose.yml and the code", () => {
    const shipped = shippedSecrets();
    expect(shipped).toEqual(expect.arrayContaining(["dev-internal-secret-change-me", "dev-jwt-secret-change-me", "compose-jwt-secret-change-me", "compose-postgres-change-me"]));
    expect(shipped.length).toBeGreaterThanOrEqual(7);
    for (const value of shipped) expect(weakSecretReason(value), value).not.toBeNull();
  });

  it("refuse short secrets, placeholders and dev- prefixes, and accept a random 32-byte one", () => {
    expect(weakSecretReason("x".repeat(MIN_SECRET_BYTES - 1))).toMatch(/shorter than 32 bytes/);
    expect(weakSecretReason(`my-shop-change-me-${"x".repeat(40)}`)).toMatch(/change-me/);
    expect(weakSecretReason(`dev-${"x".repeat(40)}`)).toMatch(/dev-/);
    expect(weakSecretReason("kV9yS1x4Qm3nT8bR2cW7zL0pH5fJ6dA1gE4uY9iO")).toBeNull();
  });

  it("are checked only in production, listing every weak key", () => {
    const schema = z.object({ ...common, JWT_SECRET: z.string().default("compose-jwt-secret-change-me") });
    expect(() => refuseDevSecretsInProduction(loadConfig(schema, { NODE_ENV: "development" }), ["INTERNAL_SECRET", "JWT_SECRET"])).not.toThrow();
    try {
      refuseDevSecretsInProduction(loadConfig(schema, { NODE_ENV: "production" }), ["INTERNAL_SECRET", "JWT_SECRET"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(":")[0])).toEqual(["INTERNAL_SECRET", "JWT_SECRET"]);
    }
  });
});
