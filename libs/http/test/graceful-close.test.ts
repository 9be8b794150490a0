import { describe, expect, it } from "vitest";
import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { createLogger } from "../src/logger.js";
import { startHttpServer } from "../src/http-server.js";

describe("closing the HTTP server", () => {
  it("lets an in-flight request finish and refuses new connections", async () => {
    const apollo = new ApolloServer({ schema: buildSchema("type Query { ok: Boolean }") });
    await apollo.start();
    const server = await startHttpServer({
      apollo,
      context: async () => ({}),
      port: 0,
      host: "127.0.0.1",
      logger: createLogger("test", "silent"),
      routes: {
        "/slow": async (_req, res) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          res.end("done");
        },
      },
    });
    const base = `http://127.0.0.1:${server.port}`;
    const inFlight = fetch(`${base}/slow`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    expect(await inFlight).toBe("done");
    await closed;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    await apollo.stop();
  });
});
