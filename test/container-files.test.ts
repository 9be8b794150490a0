// The Dockerfile and docker-compose.yml, read as files (Docker does not run in CI): service images
// run the compiled code as a non-root user with a liveness probe, and compose restarts services
// without holding the gateway for the demo seed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const subgraphs = ["catalog", "cart", "order", "payment", "pricing", "shipping"];
const services = [...subgraphs, "gateway"];

/** The Dockerfile's stages by name: the FROM line and the instructions up to the next stage. */
function stages(): Map<string, { from: string; lines: string[] }> {
  const text = readFileSync(`${root}/Dockerfile`, "utf8").replace(/\\\n/g, " ");
  const result = new Map<string, { from: string; lines: string[] }>();
  let current: { from: string; lines: string[] } | undefined;
  for (const line of text.split("\n").filter((l) => l.trim() && !l.startsWith("#"))) {
    const from = /^FROM (\S+) AS (\S+)/.exec(line);
    if (from) result.set(from[2], (current = { from: from[1], lines: [] }));
    else current?.lines.push(line);
  }
  return result;
}

describe("the Dockerfile", () => {
  const all = stages();

  it("runs every service compiled with plain node from its production-only deploy folder", () => {
    // The subgraphs share one stage, built per context (CONTEXT); the gateway has its own.
    const expected = { subgraph: "COPY --from=build /deploy/${CONTEXT} /app", gateway: "COPY --from=build /deploy/gateway /app" };
    for (const [name, copy] of Object.entries(expected)) {
      const stage = all.get(name)!;
      expect(stage.from, name).toBe("service");
      expect(stage.lines, name).toContain(copy);
      const cmd = stage.lines.find((l) => l.startsWith("CMD "))!;
      expect(cmd, name).toContain("--conditions=trolley-compiled");
      expect(cmd, name).toContain("dist/main.js");
      expect(cmd, name).not.toContain("tsx");
      // node is PID 1: started directly, or by `exec` after the migrations.
      expect(cmd.startsWith('CMD ["node"') || cmd.includes("&& exec node "), name).toBe(true);
    }
    expect(all.get("subgraph")!.lines.find((l) => l.startsWith("CMD "))).toContain('migrate-context.mjs \\"$CONTEXT\\"');
    expect(all.get("build")!.lines.join("\n")).toMatch(/deploy --prod/);
  });

  it("builds the services on the bare node image, as the node user, probing /health/live", () => {
    const service = all.get("service")!;
    expect(service.from).toMatch(/^node:20/);
    expect(service.lines).toContain("USER node");
    expect(service.lines.find((l) => l.startsWith("HEALTHCHECK"))).toContain("/health/live");
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(`${root}/docker-compose.yml`, "utf8"));

  it("restarts every long-running service and gives the subgraphs time for their migrations", () => {
    for (const name of [...services, "postgres", "redis"]) expect(compose.services[name].restart, name).toBe("unless-stopped");
    for (const name of subgraphs) expect(parseInt(compose.services[name].healthcheck.start_period), name).toBeGreaterThanOrEqual(60);
    expect(compose.services.seed.restart).toBe("no");
  });

  it("builds each subgraph from the one subgraph stage, for its own context and port", () => {
    for (const name of subgraphs) {
      expect(compose.services[name].build, name).toEqual({ context: ".", target: "subgraph", args: { CONTEXT: name, PORT: expect.stringMatching(/^400\d$/) } });
    }
    expect(new Set(subgraphs.map((name) => compose.services[name].build.args.PORT)).size).toBe(subgraphs.length);
    expect(compose.services.gateway.build.target).toBe("gateway");
  });

  it("points every subgraph at each service its settings call, by the service's compose name (the local default would be the container itself)", () => {
    const ports: Record<string, string> = { "4001": "catalog", "4002": "cart", "4003": "order", "4004": "payment", "4005": "pricing", "4006": "shipping" };
    for (const name of subgraphs) {
      const source = readFileSync(`${root}/subgraphs/${name}/src/config.ts`, "utf8");
      for (const [, key, port, path] of source.matchAll(/([A-Z_]+_URL): z[^\n]*default\("http:\/\/127\.0\.0\.1:(\d+)(\/[^"]*)"/g)) {
        expect(compose.services[name].environment?.[key], `${name} ${key}`).toBe(`http://${ports[port]}:${port}${path}`);
      }
    }
  });

  it("opens the gateway once the subgraphs are healthy, without waiting for the demo seed", () => {
    expect(Object.keys(compose.services.gateway.depends_on).sort()).toEqual(["cart", "catalog", "order", "payment", "pricing", "shipping"]);
  });
});
