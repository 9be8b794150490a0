// The development sign-in: a customer token the gateway accepts, for a plain user id; refused
// input says why; a server started without the secret (pnpm start) has no such endpoint.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@trolley/identity";
import { startStorefrontServer, type StorefrontServer } from "../../storefront/server/static-server.ts";

const SECRET = "dev-jwt-secret-change-me";
const root = mkdtempSync(join(tmpdir(), "trolley-sign-in-"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>shop</title>");
let withSignIn: StorefrontServer;
let production: StorefrontServer;
beforeAll(async () => {
  withSignIn = await startStorefrontServer({ root, config: { graphqlUrl: "http://gateway.test/graphql" }, devSignInSecret: SECRET });
  production = await startStorefrontServer({ root, config: { graphqlUrl: "http://gateway.test/graphql" } });
});
afterAll(async () => {
  await withSignIn?.close();
  await production?.close();
  rmSync(root, { recursive: true, force: true });
});

const signIn = (server: StorefrontServer, body: unknown) =>
  fetch(`${server.url}/dev/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the development sign-in", () => {
  it("answers a customer token for the user id, which verifies like any user token", async () => {
    const response = await signIn(withSignIn, { userId: "alice" });
    expect(response.status).toBe(200);
    const { token } = await response.json();
    expect(await verifyAccessToken(token, { secret: SECRET })).toMatchObject({ kind: "user", subject: "alice", roles: ["customer"] });
  });

  it("refuses a missing or guest-looking user id", async () => {
    for (const body of [{}, { userId: "" }, { userId: "guest:abc" }, { userId: "a b" }]) expect((await signIn(withSignIn, body)).status, JSON.stringify(body)).toBe(400);
  });

  it("is absent from a server started without the secret, which serves the shop and its config", async () => {
    expect((await signIn(production, { userId: "alice" })).status).toBe(405);
    expect(await (await fetch(`${production.url}/config.json`)).json()).toEqual({ graphqlUrl: "http://gateway.test/graphql", subscriptionsUrl: "ws://gateway.test/graphql" });
    expect(await (await fetch(`${production.url}/orders/123`)).text()).toContain("<title>shop</title>");
  });
});
