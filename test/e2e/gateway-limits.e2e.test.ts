// The gateway's abuse limits, through the front door: operations too large, deep, wide or costly
// are refused before any subgraph sees them; batching, CSRF-prone requests and (in production)
// introspection are refused; each caller has a request budget shared by all gateway processes; and
// persisted queries live in Redis, or are the only operations allowed (safelist).
import { randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { Redis } from "ioredis";
import { PRODUCTION_INTERNAL_SECRET, PRODUCTION_JWT_SECRET, userToken } from "@trolley/testing";
import type { GatewayApp } from "../../gateway/src/app.js";
import { queryHash } from "../../gateway/src/persisted-queries/query-hash.js";
import { bearer, codeOf, gatewayFactory, post, send, type Answer } from "../support/gateway-http.js";
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

/** Another gateway process in front of the same subgraphs (and the same Redis, unless told otherwise). */
const anotherGateway = (env: Record<string, string> = {}): Promise<GatewayApp> => gateways.start(env);

const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => post(stack.gateway.url, { query, variables }, headers);

function expectRefused(answer: Answer, code: string, limit: number, actual: number) {
  expect(answer.status).toBe(400);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code, limit, actual } })]);
  expect(answer.body.errors![0].message).toContain(String(limit));
}

function expectAnswered(answer: Answer) {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data).toBeTruthy();
}

describe("operation limits", () => {
  /** `order { payments { order { ... } } }`, `levels` fields deep. */
  const nested = (levels: number) => {
    const names = Array.from({ length: levels - 2 }, (_, i) => (i % 2 === 0 ? "payments" : "order"));
    return `query($id: ID!) { order(id: $id) { ${names.map((n) => `${n} {`).join(" ")} id ${"} ".repeat(names.length)}} }`;
  };

  it("depth: 12 levels are answered, 13 are QUERY_TOO_DEEP", async () => {
    const token = await userToken();
    const at = await gql(nested(12), { id: randomUUID() }, bearer(token));
    expectAnswered(at);
    expect(at.body.data).toEqual({ order: null });
    expectRefused(await gql(nested(13), { id: randomUUID() }, bearer(token)), "QUERY_TOO_DEEP", 12, 13);
  });

  const nameAliases = (n: number) => `{ products(first: 1) { edges { node { ${Array.from({ length: n }, (_, i) => `n${i}: name`).join(" ")} } } } }`;

  it("aliases: 30 are answered, 31 are TOO_MANY_ALIASES", async () => {
    const at = await gql(nameAliases(30));
    expectAnswered(at);
    expect(Object.keys(at.body.data.products.edges[0].node)).toHaveLength(30);
    expectRefused(await gql(nameAliases(31)), "TOO_MANY_ALIASES", 30, 31);
  });

  const rootFields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: categories { slug }`).join(" ")} }`;

  it("root fields: 20 are answered, 21 are TOO_MANY_ROOT_FIELDS", async () => {
    expectAnswered(await gql(rootFields(20)));
    expectRefused(await gql(rootFields(21)), "TOO_MANY_ROOT_FIELDS", 20, 21);
  });

  // products > edges > node, then the fragment's one field once per spread.
  const spreads = (n: number) => `{ products(first: 1) { edges { node { ${"...N ".repeat(n)}} } } } fragment N on Product { name }`;

  it("fields: 500 are answered, 501 are TOO_MANY_FIELDS, a fragment counting each time it is spread", async () => {
    expectAnswered(await gql(spreads(497)));
    expectRefused(await gql(spreads(498)), "TOO_MANY_FIELDS", 500, 501);
  });

  // 1 (products) + first × (edges + node + 99 × name): 10,000 for 99 items.
  const PAGE = `query($n: Int) { products(first: $n) { edges { node { ${"...N ".repeat(99)}} } } } fragment N on Product { name }`;

  it("cost: the selection of a field counts `first` times, read from the variables", async () => {
    const at = await gql(PAGE, { n: 99 });
    expectAnswered(at);
    expect(at.body.data.products.edges.length).toBeGreaterThan(20);
    expectRefused(await gql(PAGE, { n: 100 }), "QUERY_TOO_COSTLY", 10_000, 1 + 100 * 101);
    // Refused here, before the catalog would have said anything about a page of 3,334.
    expectRefused(await gql(`{ products(first: 3334) { edges { node { name } } } }`), "QUERY_TOO_COSTLY", 10_000, 1 + 3334 * 3);
    // A wider selection costs its width once per item: 13 fields × 100 items is fine, × 1,000 is not.
    const wide = (first: number) => `{ products(first: ${first}) { edges { cursor node { id sku name description status availableQuantity inStock price { amount currencyCode } } } } }`;
    expectAnswered(await gql(wide(100)));
    expectRefused(await gql(wide(1000)), "QUERY_TOO_COSTLY", 10_000, 1 + 1000 * 13);
  });

  it("cost: without `first`, the schema's default page size counts", async () => {
    const at = await gql(`{ products { edges { node { name } } } }`);
    expectAnswered(at);
    expect(at.body.data.products.edges).toHaveLength(20);
  });

  it("an everyday cart query is far below every limit", async () => {
    const cart = `{ cart { id totalQuantity lines { quantity product { id name sku price { amount currencyCode } category { name } } subtotal { amount } } cost { subtotal { amount } total { amount } } } }`;
    expectAnswered(await gql(cart, {}, bearer(await userToken())));
  });

  it("size: 20,000 characters are answered, 20,001 are QUERY_TOO_LARGE, refused before parsing", async () => {
    const query = `{ categories { slug } }`;
    expectAnswered(await gql(query + " ".repeat(20_000 - query.length)));
    expectRefused(await gql(query + " ".repeat(20_001 - query.length)), "QUERY_TOO_LARGE", 20_000, 20_001);
    // Not even valid GraphQL: it is refused for its size, never parsed.
    expectRefused(await gql("{".repeat(50_000)), "QUERY_TOO_LARGE", 20_000, 50_000);
  });
});

describe("request hygiene", () => {
  it("a batch (a JSON array of operations) is refused", async () => {
    const answer = await send(stack.gateway.url, { body: [{ query: "{ categories { slug } }" }, { query: "{ categories { name } }" }] });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe("BAD_REQUEST");
    expect(answer.body.errors![0].message).toMatch(/batching/i);
  });

  it("a GET without a preflight header is refused as possible CSRF; with one it is answered", async () => {
    const search = `?query=${encodeURIComponent("{ categories { slug } }")}`;
    const simple = await send(stack.gateway.url, { method: "GET", search });
    expect(simple.status).toBe(400);
    expect(codeOf(simple)).toBe("BAD_REQUEST");
    expect(simple.body.errors![0].message).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await send(stack.gateway.url, { method: "GET", search, headers: { "apollo-require-preflight": "true" } });
    expectAnswered(preflighted);
  });

  it("a text/plain POST (a form a browser sends cross-site) is refused as possible CSRF", async () => {
    const body = JSON.stringify({ query: "{ categories { slug } }" });
    const plain = await send(stack.gateway.url, { body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(400);
    expect(plain.body.errors![0].message).toMatch(/Cross-Site Request Forgery/);
    expectAnswered(await send(stack.gateway.url, { body }));
  });

  it("in production: no introspection, no Sandbox page, and errors carry no stack or internals", async () => {
    const production = await anotherGateway({ NODE_ENV: "production", JWT_SECRET: PRODUCTION_JWT_SECRET, INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET });
    const introspection = await post(production.url, { query: "{ __schema { types { name } } }" });
    expect(introspection.status).toBe(400);
    expect(codeOf(introspection)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(introspection.body.errors![0].message).toMatch(/introspection/i);
    expectAnswered(await post(production.url, { query: "{ categories { slug } }" }));

    const page = await send(production.url, { method: "GET", headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).not.toMatch(/html/);
    expect(page.text).not.toMatch(/<html|sandbox/i);
    // Outside production the Sandbox page is there, and its full introspection query fits the limits.
    const development = await send(stack.gateway.url, { method: "GET", headers: { accept: "text/html" } });
    expect(development.headers.get("content-type")).toMatch(/text\/html/);
    expectAnswered(await gql(getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })));

    const failures = [
      await post(production.url, { query: "{ categories { slug " }),
      await post(production.url, { query: "{ noSuchField }" }),
      await post(production.url, { query: "query($n: Int!) { products(first: $n) { totalCount } }", variables: { n: "many" } }),
      await send(production.url, { body: "{ not json" }),
      await send(production.url, { body: [{ query: "{ categories { slug } }" }] }),
      await post(production.url, { query: `{ categories { slug } } ${" ".repeat(20_001)}` }),
      await post(production.url, { query: "{ cart { id } }" }, { authorization: "Bearer not.a.jwt" }),
    ];
    for (const failure of failures) {
      expect(failure.status).toBeGreaterThanOrEqual(400);
      expect(failure.body.errors?.length).toBeGreaterThan(0);
      for (const error of failure.body.errors!) expect(error.extensions).not.toHaveProperty("stacktrace");
      expect(failure.text).not.toMatch(/\s+at\s|node_modules|\.ts:\d|\/work\/|ECONNREFUSED|127\.0\.0\.1/);
    }
  });
});

describe("rate limit", () => {
  const PING = { query: "{ __typename }" };

  it("is one budget per caller across gateway processes, then HTTP 429 with Retry-After", async () => {
    const [first, second] = [await anotherGateway({ RATE_LIMIT_PER_MINUTE: "5" }), await anotherGateway({ RATE_LIMIT_PER_MINUTE: "5" })];
    const caller = bearer(await userToken());
    const remaining: string[] = [];
    for (const gateway of [first, second, first, second, first]) {
      const answer = await post(gateway.url, PING, caller);
      expectAnswered(answer);
      expect(answer.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(answer.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);

    for (const gateway of [second, first]) {
      const refused = await post(gateway.url, PING, caller);
      expect(refused.status).toBe(429);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: { code: "RATE_LIMITED", limit: 5, remaining: 0, retryAfterSeconds: expect.any(Number) } })]);
      const retryAfter = refused.body.errors![0].extensions!.retryAfterSeconds;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get("retry-after")).toBe(String(retryAfter));
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(refused.headers.get("ratelimit-limit")).toBe("5");
    }

    // Another caller has a budget of its own.
    const other = await post(first.url, PING, bearer(await userToken()));
    expectAnswered(other);
    expect(other.headers.get("ratelimit-remaining")).toBe("4");
  });

  it("counts a guest by its guest id", async () => {
    const gateway = await anotherGateway({ RATE_LIMIT_PER_MINUTE: "5" });
    const session = await gql(`mutation { startGuestSession { token } }`);
    const guest = bearer(session.body.data.startGuestSession.token);
    for (let i = 0; i < 5; i++) expectAnswered(await post(gateway.url, PING, guest));
    expect((await post(gateway.url, PING, guest)).status).toBe(429);
  });

  it("counts anonymous callers by IP, from X-Forwarded-For only behind a trusted proxy", async () => {
    const proxied = await anotherGateway({ RATE_LIMIT_PER_MINUTE: "5", TRUST_PROXY: "on" });
    const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
    const [alice, bob] = [ip(), ip()];
    for (let left = 4; left >= 0; left--) {
      const answer = await post(proxied.url, PING, { "x-forwarded-for": alice });
      expectAnswered(answer);
      expect(answer.headers.get("ratelimit-remaining")).toBe(String(left));
    }
    expect((await post(proxied.url, PING, { "x-forwarded-for": alice })).status).toBe(429);
    expectAnswered(await post(proxied.url, PING, { "x-forwarded-for": bob }));

    // Without TRUST_PROXY a client cannot pick a fresh address per request: all count against its connection.
    const direct = await anotherGateway({ RATE_LIMIT_PER_MINUTE: "5" });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(direct.url, PING, { "x-forwarded-for": ip() })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it("is off with RATE_LIMIT_PER_MINUTE=0", async () => {
    const gateway = await anotherGateway({ RATE_LIMIT_PER_MINUTE: "0" });
    const caller = bearer(await userToken());
    for (let i = 0; i < 8; i++) {
      const answer = await post(gateway.url, PING, caller);
      expectAnswered(answer);
      expect(answer.headers.get("ratelimit-limit")).toBeNull();
    }
  });

  it("lets traffic through when Redis is unreachable (fail open)", async () => {
    const gateway = await anotherGateway({ RATE_LIMIT_PER_MINUTE: "1", REDIS_URL: "redis://127.0.0.1:1" });
    const caller = bearer(await userToken());
    for (let i = 0; i < 5; i++) {
      const answer = await post(gateway.url, { query: "{ categories { slug } }" }, caller);
      expectAnswered(answer);
      expect(answer.headers.get("ratelimit-limit")).toBeNull();
    }
    // Persisted queries are only a cache: a registration is lost, nothing fails.
    const query = `query Unreachable${randomUUID().replaceAll("-", "")} { categories { slug } }`;
    const persistedQuery = { version: 1, sha256Hash: queryHash(query) };
    expectAnswered(await post(gateway.url, { query, extensions: { persistedQuery } }));
    expect(codeOf(await post(gateway.url, { extensions: { persistedQuery } }))).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("automatic persisted queries", () => {
  it("register by hash and text, then run by hash alone, on any gateway process (the cache is Redis)", async () => {
    const other = await anotherGateway();
    const query = `query Apq${randomUUID().replaceAll("-", "")} { categories { slug } }`;
    const persistedQuery = { version: 1, sha256Hash: queryHash(query) };

    const unknown = await post(stack.gateway.url, { extensions: { persistedQuery } });
    expect(codeOf(unknown)).toBe("PERSISTED_QUERY_NOT_FOUND");

    const registered = await post(stack.gateway.url, { query, extensions: { persistedQuery } });
    expectAnswered(registered);

    const byHash = await post(stack.gateway.url, { extensions: { persistedQuery } });
    expectAnswered(byHash);
    expect(byHash.body.data).toEqual(registered.body.data);
    const elsewhere = await post(other.url, { extensions: { persistedQuery } });
    expectAnswered(elsewhere);
    expect(elsewhere.body.data).toEqual(registered.body.data);

    const redis = new Redis(process.env.REDIS_URL!);
    try {
      expect(await redis.get(`apq:${persistedQuery.sha256Hash}`)).toBe(query);
      expect(await redis.ttl(`apq:${persistedQuery.sha256Hash}`)).toBeGreaterThan(24 * 3600 - 60);
    } finally {
      redis.disconnect();
    }
  });

  it("are not registered when the operation is refused by a limit", async () => {
    const query = `query Refused${randomUUID().replaceAll("-", "")} { products(first: 5000) { edges { node { name } } } }`;
    const persistedQuery = { version: 1, sha256Hash: queryHash(query) };
    expect(codeOf(await post(stack.gateway.url, { query, extensions: { persistedQuery } }))).toBe("QUERY_TOO_COSTLY");
    expect(codeOf(await post(stack.gateway.url, { extensions: { persistedQuery } }))).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("are refused as unsupported with PERSISTED_QUERIES=off", async () => {
    const gateway = await anotherGateway({ PERSISTED_QUERIES: "off" });
    const query = "{ categories { slug } }";
    const answer = await post(gateway.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(query) } } });
    expect(codeOf(answer)).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    expectAnswered(await post(gateway.url, { query }));
  });
});

describe("safelist mode", () => {
  const GUEST = "mutation StartGuestSession { startGuestSession { token expiresAt } }";
  const CATEGORIES = "query Categories { categories { slug name } }";
  let safelisted: GatewayApp;

  beforeAll(async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), "trolley-safelist-")), "persisted-query-manifest.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [GUEST, CATEGORIES].map((body) => ({ id: queryHash(body), body, name: /(query|mutation) (\w+)/.exec(body)![2], type: body.split(" ")[0] })),
      }),
    );
    safelisted = await anotherGateway({ PERSISTED_QUERIES: "safelist", PERSISTED_QUERY_MANIFEST: manifest });
  });

  it("runs a registered operation sent as its full text", async () => {
    const session = await post(safelisted.url, { query: GUEST });
    expectAnswered(session);
    expect(session.body.data.startGuestSession.token).toEqual(expect.any(String));
  });

  it("runs a registered operation sent by id alone", async () => {
    const answer = await post(safelisted.url, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(CATEGORIES) } } });
    expectAnswered(answer);
    expect(answer.body.data.categories.length).toBeGreaterThan(0);
  });

  it("refuses anything else with PERSISTED_QUERY_NOT_IN_SAFELIST", async () => {
    const other = "{ categories { slug } }";
    const attempts = [
      await post(safelisted.url, { query: other }),
      await post(safelisted.url, { query: `${CATEGORIES} ` }),
      await post(safelisted.url, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(other) } } }),
      await post(safelisted.url, { query: other, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(other) } } }),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(codeOf(answer)).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    }
  });

  it("does not start without its manifest", async () => {
    await expect(anotherGateway({ PERSISTED_QUERIES: "safelist" })).rejects.toThrow(/PERSISTED_QUERY_MANIFEST/);
  });
});
