import { createServer, type AddressInfo } from "node:net";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { startSubgraph } from "../src/start-subgraph.js";

describe("starting a subgraph", () => {
  it("that cannot listen stops what its app started and releases Redis and the database before it fails", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const released: string[] = [];
    try {
      await expect(
        startSubgraph({
          name: "test",
          schema: buildSchema("type Query { ok: Boolean }"),
          context: async () => ({}),
          db: { $queryRaw: async () => [], $disconnect: async () => void released.push("database") },
          redis: { ping: async () => "PONG", disconnect: () => void released.push("redis") },
          port: (taken.address() as AddressInfo).port,
          logger: createLogger("test", "silent"),
          // What every app passes: its relay, consumers and jobs, stopped here in the normal close.
          beforeDisconnect: async () => void released.push("background"),
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(released).toEqual(["background", "redis", "database"]);
    } finally {
      taken.close();
    }
  });
});
