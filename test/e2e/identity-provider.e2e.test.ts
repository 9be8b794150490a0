// Users signed in with an identity provider: their RS256 and ES256 tokens are checked against the
// provider's published keys (JWT_JWKS_URL), cached, rotated without a restart, and refetched for
// an unknown key id at most once a minute. The gateway's clock is moved by hand, never slept on.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, newSigningKey, signedToken, type SigningKey } from "@trolley/testing";
import type { GatewayApp } from "../../gateway/src/app.js";
import { bearer, codeOf, gatewayFactory, post } from "../support/gateway-http.js";
import { startJwksServer } from "../support/jwks-server.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const MINUTE = 60_000;
const WHO = { query: "{ cart { id } }" };

let stack: Stack;
let provider: Awaited<ReturnType<typeof startJwksServer>>;
let gateway: GatewayApp;
let rsa: SigningKey, ec: SigningKey, next: SigningKey;
const clock = new TestClock();
const gateways = gatewayFactory(() => stack);

beforeAll(async () => {
  [rsa, ec, next] = await Promise.all([newSigningKey("RS256"), newSigningKey("ES256"), newSigningKey("RS256")]);
  provider = await startJwksServer([rsa, ec]);
  stack = await startStack();
  gateway = await gateways.start({ JWT_JWKS_URL: provider.url }, { clock });
});
afterAll(async () => {
  await gateways.closeAll();
  await stack?.close();
  await provider?.close();
});

const ask = async (key: SigningKey | { secret: string }, sub?: string) => post(gateway.url, WHO, bearer(await signedToken(key, { sub })));

describe("tokens of an identity provider", () => {
  it("are verified with its RS256 and ES256 keys, fetched once and cached", async () => {
    for (const key of [rsa, ec, rsa, ec]) {
      const answer = await ask(key);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.cart.id).toEqual(expect.any(String));
    }
    expect(provider.fetches).toBe(1);
  });

  it("signed by a key the provider never published are refused, the keys refetched at most once a minute", async () => {
    const stranger = await newSigningKey("ES256");
    clock.advance(MINUTE + 1);
    const before = provider.fetches;
    for (let i = 0; i < 2; i++) {
      const refused = await ask(stranger);
      expect(refused.status).toBe(401);
      expect(refused.body.errors![0].message).toMatch(/unknown key/);
    }
    expect(provider.fetches).toBe(before + 1);
  });

  it("follow a rotation without a restart: a new key is picked up, a removed one refused", async () => {
    provider.publish([ec, next]);
    clock.advance(MINUTE + 1);
    const before = provider.fetches;
    const rotated = await ask(next);
    expect(rotated.body.errors).toBeUndefined();
    expect(provider.fetches).toBe(before + 1);
    const removed = await ask(rsa);
    expect(removed.status).toBe(401);
    expect(codeOf(removed)).toBe("UNAUTHENTICATED");
    // Refused from the refetched set: no second fetch within the minute.
    expect(provider.fetches).toBe(before + 1);
    expect((await ask(ec)).body.errors).toBeUndefined();
  });

  it("drop a removed key after 10 minutes even when no unknown key id asks for a refetch", async () => {
    const [kept, dropped] = [ec, next];
    provider.publish([kept]);
    expect((await ask(dropped)).body.errors).toBeUndefined();
    clock.advance(10 * MINUTE);
    expect((await ask(dropped)).status).toBe(401);
    expect((await ask(kept)).body.errors).toBeUndefined();
  });

  it("cannot claim a guest's identity, and HS256 tokens are then for guests only", async () => {
    expect((await ask(ec, `guest:${randomUUID()}`)).status).toBe(401);
    const hsUser = await ask({ secret: DEV_JWT_SECRET });
    expect(hsUser.status).toBe(401);
    expect(hsUser.body.errors![0].message).toMatch(/identity provider/);
    const guest = (await post(gateway.url, { query: "mutation { startGuestSession { token } }" })).body.data.startGuestSession.token;
    expect((await post(gateway.url, WHO, bearer(guest))).body.errors).toBeUndefined();
  });

  it("need exp there too", async () => {
    const refused = await post(gateway.url, WHO, bearer(await signedToken(ec, { exp: null })));
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].message).toMatch(/no expiry/);
  });
});

describe("without JWT_JWKS_URL", () => {
  it("RS256 and ES256 tokens are refused", async () => {
    for (const key of [rsa, ec]) expect((await post(stack.gateway.url, WHO, bearer(await signedToken(key)))).status).toBe(401);
  });
});
