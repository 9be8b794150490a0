// What a stranger on the internet can and cannot make the gateway do: guest sessions are one per
// request and a few per address, refused tokens still count against the address, tokens must
// expire and not live too long, persisted query registrations are capped, and (in production)
// neither the gateway nor a subgraph hints at its schema or shows it without the gateway's credential.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import { createRedis } from "@trolley/outbox";
import { connected, DEV_JWT_SECRET, PRODUCTION_INTERNAL_SECRET, signedToken, userToken, whileRedisWritesPaused } from "@trolley/testing";
import { queryHash } from "../../gateway/src/persisted-queries/query-hash.js";
import { startCatalog, type CatalogApp } from "../../subgraphs/catalog/src/app.js";
import { readCatalogConfig } from "../../subgraphs/catalog/src/config.js";
import { bearer, codeOf, gatewayFactory, post, type Answer } from "../support/gateway-http.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
const gateways = gatewayFactory(() => stack);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await gateways.closeAll();
  await stack?.close();
});

const PING = { query: "{ __typename }" };
const START = { query: "mutation { startGuestSession { token } }" };
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const from = (address: string, headers: Record<string, string> = {}) => ({ "x-forwarded-for": address, ...headers });

function expectAnswered(answer: Answer) {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
}

describe("guest sessions", () => {
  it("are one per operation, however the operation asks for more", async () => {
    const aliased = await post(stack.gateway.url, { query: "mutation { a: startGuestSession { token } b: startGuestSession { token } }" });
    expect(aliased.status).toBe(400);
    expect(aliased.body.data).toBeUndefined();
    expect(aliased.body.errors).toEqual([expect.objectContaining({ extensions: { code: "TOO_MANY_GUEST_SESSIONS", limit: 1, actual: 2 } })]);
    const spread = await post(stack.gateway.url, {
      query: "mutation { ...G ...H } fragment G on Mutation { startGuestSession { token } } fragment H on Mutation { again: startGuestSession { expiresAt } }",
    });
    expect(codeOf(spread)).toBe("TOO_MANY_GUEST_SESSIONS");
    expectAnswered(await post(stack.gateway.url, START));
  });

  it("are limited per client address across gateway processes, other addresses unaffected", async () => {
    const env = { GUEST_SESSIONS_PER_MINUTE: "3", TRUST_PROXY: "on" };
    const [first, second] = [await gateways.start(env), await gateways.start(env)];
    const [alice, bob] = [ip(), ip()];
    for (const gateway of [first, second, first]) expectAnswered(await post(gateway.url, START, from(alice)));
    const refused = await post(second.url, START, from(alice));
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: "GUEST_SESSIONS_RATE_LIMITED", limit: 3, remaining: 0, retryAfterSeconds: expect.any(Number) } }),
    ]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Holding a guest or user token does not lift the address's limit.
    const guest = (await post(first.url, START, from(bob))).body.data.startGuestSession.token;
    expect(codeOf(await post(first.url, START, from(alice, bearer(guest))))).toBe("GUEST_SESSIONS_RATE_LIMITED");
    expect(codeOf(await post(first.url, START, from(alice, bearer(await userToken()))))).toBe("GUEST_SESSIONS_RATE_LIMITED");
    // The address may still do everything else.
    expectAnswered(await post(first.url, PING, from(alice)));
  });

  it("hold their limit when one address asks many gateway processes at once", async () => {
    const env = { GUEST_SESSIONS_PER_MINUTE: "3", TRUST_PROXY: "on" };
    const [first, second] = [await gateways.start(env), await gateways.start(env)];
    const erin = ip();
    // Both processes' first counts are held inside Redis, so the twelve requests meet there at once.
    const admin = await connected(createRedis(process.env.REDIS_URL!));
    const answers = await whileRedisWritesPaused(admin, 2, () => Promise.all(Array.from({ length: 12 }, (_, i) => post((i % 2 ? first : second).url, START, from(erin))))).finally(
      () => admin.disconnect(),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => codeOf(a) === "GUEST_SESSIONS_RATE_LIMITED")).toHaveLength(9);
  });

  it("count against the address's request budget even when the caller has a token", async () => {
    const gateway = await gateways.start({ RATE_LIMIT_PER_MINUTE: "5", TRUST_PROXY: "on" });
    const carol = ip();
    expectAnswered(await post(gateway.url, START, from(carol, bearer(await userToken()))));
    const anonymous = await post(gateway.url, PING, from(carol));
    expectAnswered(anonymous);
    expect(anonymous.headers.get("ratelimit-remaining")).toBe("3");
  });
});

describe("refused tokens", () => {
  it("count against the client's address, then HTTP 429 for it", async () => {
    const gateway = await gateways.start({ RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "on" });
    const dave = ip();
    for (let i = 0; i < 3; i++) {
      const refused = await post(gateway.url, PING, from(dave, bearer(`not.a.token${i}`)));
      expect(refused.status).toBe(401);
      expect(codeOf(refused)).toBe("UNAUTHENTICATED");
    }
    const limited = await post(gateway.url, PING, from(dave, bearer("not.a.token")));
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe("RATE_LIMITED");
    expect((await post(gateway.url, PING, from(dave))).status).toBe(429);
    expectAnswered(await post(gateway.url, PING, from(ip())));
  });
});

describe("token lifetime", () => {
  const sign = (claims: { exp?: number; iat?: number }) => signedToken({ secret: DEV_JWT_SECRET }, { iat: claims.iat ?? null, exp: claims.exp ?? null });
  const now = () => Math.floor(Date.now() / 1000);
  const CART = { query: "{ cart { id } }" };

  it("refuses a token without exp", async () => {
    const refused = await post(stack.gateway.url, CART, bearer(await sign({ iat: now() })));
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].message).toMatch(/no expiry/);
  });

  it("refuses a token living longer than JWT_MAX_LIFETIME (7 days by default), counted from iat or from now", async () => {
    const eightDays = 8 * 24 * 3600;
    expect((await post(stack.gateway.url, CART, bearer(await sign({ iat: now(), exp: now() + eightDays })))).status).toBe(401);
    expect((await post(stack.gateway.url, CART, bearer(await sign({ exp: now() + eightDays })))).status).toBe(401);
    // Issued long ago, so exp - iat is long, even if little of it is left.
    expect((await post(stack.gateway.url, CART, bearer(await sign({ iat: now() - eightDays, exp: now() + 60 })))).status).toBe(401);
    expectAnswered(await post(stack.gateway.url, CART, bearer(await sign({ iat: now(), exp: now() + 6 * 24 * 3600 }))));

    const strict = await gateways.start({ JWT_MAX_LIFETIME: "1h" });
    expect((await post(strict.url, CART, bearer(await sign({ iat: now(), exp: now() + 2 * 3600 })))).status).toBe(401);
    expectAnswered(await post(strict.url, CART, bearer(await sign({ iat: now(), exp: now() + 1800 }))));
  });

  it("accepts the cart's guest tokens with the default lifetimes", async () => {
    const guest = (await post(stack.gateway.url, START)).body.data.startGuestSession.token;
    expectAnswered(await post(stack.gateway.url, CART, bearer(guest)));
  });
});

describe("persisted query registration", () => {
  const named = (length: number) => {
    const head = `query Long${randomUUID().replaceAll("-", "")} { categories { slug } }`;
    return head + " ".repeat(length - head.length);
  };
  const register = (url: string, query: string, headers: Record<string, string> = {}) =>
    post(url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(query) } } }, headers);
  const byHash = (url: string, query: string) => post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(query) } } });

  it("stores no query longer than PERSISTED_QUERY_MAX_LENGTH (5000), but runs it", async () => {
    const long = named(5001);
    expectAnswered(await register(stack.gateway.url, long));
    expect(codeOf(await byHash(stack.gateway.url, long))).toBe("PERSISTED_QUERY_NOT_FOUND");
    const fits = named(5000);
    expectAnswered(await register(stack.gateway.url, fits));
    expectAnswered(await byHash(stack.gateway.url, fits));
  });

  it("stores at most PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE per caller", async () => {
    const gateway = await gateways.start({ PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE: "2" });
    const caller = bearer(await userToken());
    const queries = [named(200), named(200), named(200)];
    for (const query of queries) expectAnswered(await register(gateway.url, query, caller));
    expectAnswered(await byHash(gateway.url, queries[0]));
    expectAnswered(await byHash(gateway.url, queries[1]));
    expect(codeOf(await byHash(gateway.url, queries[2]))).toBe("PERSISTED_QUERY_NOT_FOUND");
    // Another caller registers on its own budget.
    expectAnswered(await register(gateway.url, queries[2], bearer(await userToken())));
    expectAnswered(await byHash(gateway.url, queries[2]));
  });
});

describe("in production", () => {
  let catalog: CatalogApp;
  beforeAll(async () => {
    catalog = await startCatalog(
      readCatalogConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PORT: "0", METRICS_PORT: "0", INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET, MAX_QUERY_DEPTH: "4" }),
    );
  });
  afterAll(() => catalog?.close());

  const credential = () => ({ [IDENTITY_HEADER]: signIdentity(serviceIdentity("gateway"), PRODUCTION_INTERNAL_SECRET) });

  it("a subgraph shows its schema (introspection, _service) only to the gateway's credential", async () => {
    for (const query of ["{ _service { sdl } }", "{ __schema { types { name } } }", `{ __type(name: "Product") { name } }`, "{ ...S } fragment S on Query { _service { sdl } }"]) {
      const refused = await post(catalog.url, { query });
      expect(refused.status).toBe(403);
      expect(codeOf(refused)).toBe("FORBIDDEN");
      expect(refused.text).not.toContain("Product");
      const forged = await post(catalog.url, { query }, { [IDENTITY_HEADER]: signIdentity(serviceIdentity("gateway"), DEV_JWT_SECRET) });
      expect(forged.status).toBe(403);
    }
    const shown = await post(catalog.url, { query: "{ _service { sdl } }" }, credential());
    expectAnswered(shown);
    expect(shown.body.data._service.sdl).toContain("type Product");
    expectAnswered(await post(catalog.url, { query: "{ categories { slug } }" }));
  });

  it("a gateway composing live (pnpm dev) reads a production subgraph's schema with its credential", async () => {
    const live = await gateways.start({ SUPERGRAPH_MODE: "introspect", CATALOG_URL: catalog.url, INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET });
    const answer = await post(live.url, { query: "{ categories { slug } }" });
    expectAnswered(answer);
    expect(answer.body.data.categories.length).toBeGreaterThan(0);
  });

  it("a subgraph applies its own depth and length limits to what reaches it directly", async () => {
    // The catalog was started with MAX_QUERY_DEPTH=4.
    expectAnswered(await post(catalog.url, { query: "{ products(first: 1) { edges { node { id } } } }" }));
    const tooDeep = await post(catalog.url, { query: "{ products(first: 1) { edges { node { price { amount } } } } }" });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors).toEqual([expect.objectContaining({ extensions: { code: "QUERY_TOO_DEEP", limit: 4, actual: 5 } })]);
    const tooLong = await post(catalog.url, { query: `{ categories { slug } }${" ".repeat(20_000)}` });
    expect(codeOf(tooLong)).toBe("QUERY_TOO_LARGE");
  });

  it("neither the gateway nor a subgraph suggests field names", async () => {
    const production = await gateways.start({ NODE_ENV: "production", JWT_SECRET: "p".repeat(40), INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET, METRICS_PORT: "0" });
    for (const url of [production.url, catalog.url]) {
      const misspelled = await post(url, { query: "{ prodcts { id } }" });
      expect(codeOf(misspelled)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(misspelled.text).not.toMatch(/Did you mean|products/);
    }
    // Outside production the hint is there, for developers.
    expect((await post(stack.gateway.url, { query: "{ prodcts { id } }" })).text).toMatch(/Did you mean/);
  });
});
