import { describe, expect, it } from "vitest";
import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { createLogger } from "../src/logger.js";
import { startHttpServer } from "../src/http-server.js";
import { gate } from "../../../test/support/gate.js";

describe("closing the HTTP server", () => {
  it("lets an in-flight request finish and refuses new connections", async () => {
    const apollo = new ApolloServer({ schema: buildSchema("type Query { ok: Boolean }") });
    await apollo.start();
    // The request is held inside its handler until close() has been called: it is in flight then,
    // not merely sent.
    const handler = gate();
    const server = await startHttpServer({
      apollo,
      context: async () => ({}),
      port: 0,
      host: "127.0.0.1",
      logger: createLogger("test", "silent"),
      routes: {
        "/slow": async (_req, res) => {
          await handler.pass();
          res.end("done");
        },
      },
    });
    const base = `http://127.0.0.1:${server.port}`;
    const inFlight = fetch(`${base}/slow`).then((r) => r.text());
    await handler.entered;
    const closed = server.close();
    handler.open();
    expect(await inFlight).toBe("done");
    await closed;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    await apollo.stop();
  });
});
