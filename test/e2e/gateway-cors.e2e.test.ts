// Browsers on other origins: the gateway answers only those CORS_ORIGINS lists (the storefront's
// dev origins by default outside production, none in production), preflights included; a request
// from an unlisted origin is refused before it runs, and the gateway's own pages (Sandbox) pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_INTERNAL_SECRET } from "@trolley/testing";
import { readGatewayConfig } from "../../gateway/src/config.js";
import { codeOf, gatewayFactory, post, send } from "../support/gateway-http.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
const gateways = gatewayFactory(() => stack);
const SHOP = "https://shop.example.com";
const STRANGER = "https://evil.example.net";

beforeAll(async () => {
  stack = await startStack({ env: { CORS_ORIGINS: `${SHOP}, http://localhost:5173` } });
});
afterAll(async () => {
  await gateways.closeAll();
  await stack?.close();
});

const preflight = (url: string, origin: string) =>
  send(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });
const START = { query: "mutation { startGuestSession { token } }" };

describe("a listed origin", () => {
  it("passes the preflight with the methods, headers and credentials a client needs", async () => {
    const answer = await preflight(stack.gateway.url, SHOP);
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(answer.headers.get("access-control-allow-credentials")).toBe("true");
    expect(answer.headers.get("access-control-allow-methods")).toContain("POST");
    expect(answer.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(answer.headers.get("access-control-max-age")).toBe("600");
    expect(answer.headers.get("vary")).toContain("Origin");
  });

  it("reads its answers, and may read the request id and rate limit headers", async () => {
    const answer = await post(stack.gateway.url, START, { origin: SHOP });
    expect(answer.status).toBe(200);
    expect(answer.body.data.startGuestSession.token).toEqual(expect.any(String));
    expect(answer.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(answer.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });
});

describe("an unlisted origin", () => {
  it("is refused at the preflight without any CORS header", async () => {
    const answer = await preflight(stack.gateway.url, STRANGER);
    expect(answer.status).toBe(403);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("is refused before the operation runs: a simple request cannot change anything", async () => {
    const answer = await post(stack.gateway.url, START, { origin: STRANGER });
    expect(answer.status).toBe(403);
    expect(codeOf(answer)).toBe("ORIGIN_NOT_ALLOWED");
    expect(answer.body.data).toBeUndefined();
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("includes a listed origin's look-alikes: another scheme, port or subdomain", async () => {
    for (const origin of ["http://shop.example.com", "https://shop.example.com:8443", "https://a.shop.example.com", "null"]) {
      expect((await post(stack.gateway.url, START, { origin })).status, origin).toBe(403);
    }
  });
});

it("lets the gateway's own pages (Sandbox) call it, and callers that are not browsers", async () => {
  const own = new URL(stack.gateway.url).origin;
  const sandbox = await post(stack.gateway.url, START, { origin: own });
  expect(sandbox.status).toBe(200);
  expect(sandbox.headers.get("access-control-allow-origin")).toBeNull();
  expect((await post(stack.gateway.url, START)).status).toBe(200);
});

it("lists the storefront's dev origins by default outside production, and none in production", async () => {
  const development = await gateways.start({});
  expect((await post(development.url, START, { origin: "http://127.0.0.1:5173" })).status).toBe(200);
  expect((await post(development.url, START, { origin: SHOP })).status).toBe(403);
  const production = await gateways.start({
    NODE_ENV: "production",
    JWT_SECRET: "p".repeat(40),
    INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET,
  });
  expect((await post(production.url, START, { origin: "http://127.0.0.1:5173" })).status).toBe(403);
});

it("refuses a list entry that is not an origin at start", () => {
  for (const entry of ["https://shop.example.com/path", "*.example.com", "shop.example.com", "ftp://shop.example.com"]) {
    expect(() => readGatewayConfig({ CORS_ORIGINS: entry }), entry).toThrow(/CORS_ORIGINS/);
  }
});
