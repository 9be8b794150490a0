// Services in the cart through the front door: a shopper adds a line's service (its quantity
// follows the line's) or a standalone one, the catalog says which services go where, refusals
// change nothing and publish nothing, a line takes its services along whichever way it leaves, a
// guest's services come along on sign-in, and the catalog being out of reach changes nothing.
// Services are the seed's (services.rules.yaml); each test makes its own products in the seeded
// Appliances category, so tests share no line.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import { graphql, userToken } from "@trolley/testing";
import { CART_EVENTS_STREAM } from "../../subgraphs/cart/src/app.js";
import { connectCartDb } from "../../subgraphs/cart/src/db.js";
import { createProducts } from "../support/catalog-products.js";
import { whileHolding } from "../support/lock-waiter.js";
import { startStack, type Stack } from "../support/stack.js";

const DEV_INTERNAL_SECRET = "dev-internal-secret-change-me";
const SERVICE_LINE = "id serviceId lineId quantity service { id title price { amount currencyCode } kind }";
const CART_FIELDS = `id totalQuantity lines { id quantity product { id } } serviceLines { ${SERVICE_LINE} }`;
const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message } warnings { code field message }`;
const CART = `{ cart { ${CART_FIELDS} } }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const REMOVE_LINE = `mutation($p: ID!) { removeFromCart(productId: $p) { ${PAYLOAD} } }`;
const CLEAR = `mutation { clearCart { ${PAYLOAD} } }`;
const SAVE = `mutation($p: ID!) { saveForLater(productId: $p) { ${PAYLOAD} } }`;
const MOVE = `mutation($p: ID!) { moveToCart(productId: $p) { ${PAYLOAD} } }`;
const ADD_SERVICE = `mutation($s: ID!, $l: ID) { addService(serviceId: $s, lineId: $l) { ${PAYLOAD} } }`;
const REMOVE_SERVICE = `mutation($id: ID!) { removeService(serviceLineId: $id) { ${PAYLOAD} } }`;
const MERGE = `mutation($t: String!) { mergeGuestCart(guestToken: $t) { ${PAYLOAD} } }`;

// The seed's services (prisma/catalog/services.rules.yaml), as the gateway shows them.
const INSTALLATION = { id: "appliance-installation", title: "Appliance installation", price: { amount: "89.00", currencyCode: "USD" }, kind: "FOR_LINE" };
const HAUL_AWAY = { id: "appliance-haul-away", title: "Haul-away of your old appliance", price: { amount: "35.00", currencyCode: "USD" }, kind: "FOR_LINE" };
const GIFT_WRAP = { id: "gift-wrap", title: "Gift wrap", price: { amount: "6.50", currencyCode: "USD" }, kind: "STANDALONE" };
const SMS_NOTICE = { id: "sms-delivery-notice", title: "SMS notice of delivery", price: { amount: "0.99", currencyCode: "USD" }, kind: "STANDALONE" };
/** Offered for furniture and home office, not for appliances. */
const ASSEMBLY = "furniture-assembly";

interface Payload {
  cart: any;
  userErrors: { code: string; field: string[] | null; message: string }[];
  warnings: { code: string; field: string[] | null; message: string }[];
}

let stack: Stack;
let redis: Redis;
let appliances: string;
// The test's own client: a lock the test holds must not take a connection from the cart's pool.
const holder = connectCartDb(process.env.DATABASE_URL!);

beforeAll(async () => {
  stack = await startStack();
  redis = new Redis(process.env.REDIS_URL!);
  appliances = (await stack.catalog.db.category.findUniqueOrThrow({ where: { slug: "appliances" } })).id;
});
afterAll(async () => {
  redis?.disconnect();
  await holder.$disconnect();
  await stack?.close();
});

async function run(token: string, mutation: string, variables: Record<string, unknown> = {}): Promise<Payload> {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as Payload;
}

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

/** Appliances of the test's own, 499.00 each. */
const newAppliances = (count: number) => createProducts(stack.catalog.db, count, { categoryId: appliances, priceMinor: 49_900, weightGrams: 70_000 });

/** A signed-in shopper whose cart holds `quantity` units of an appliance of its own. */
async function shopper(quantity = 2) {
  const userId = `user-${randomUUID()}`;
  const token = await userToken({ sub: userId });
  const [product] = await newAppliances(1);
  const { cart } = await run(token, ADD, { p: product, q: quantity });
  return { userId, token, product, cartId: cart.id as string, lineId: cart.lines[0].id as string };
}

async function guest() {
  return (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token as string;
}

/** What the cart wrote for a cart: its service lines, its events and its version. */
async function written(cartId: string) {
  const [serviceLines, events, cart] = await Promise.all([
    stack.cart.db.cartServiceLine.findMany({ where: { cartId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, serviceId: true, lineId: true } }),
    stack.cart.db.outboxEvent.findMany({ where: { aggregateId: cartId }, orderBy: { position: "asc" }, select: { type: true, data: true } }),
    stack.cart.db.cart.findUniqueOrThrow({ where: { id: cartId }, select: { version: true } }),
  ]);
  return { serviceLines, events, version: cart.version };
}

describe("a service for a line", () => {
  it("goes with the line, its quantity following the line's as it changes, and is published as ServiceAdded", async () => {
    const { token, product, cartId, lineId } = await shopper(2);
    const before = await written(cartId);

    const added = await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    expect(added.userErrors).toEqual([]);
    expect(added.warnings).toEqual([]);
    const serviceLineId = added.cart.serviceLines[0]?.id;
    expect(added.cart.serviceLines).toEqual([{ id: serviceLineId, serviceId: INSTALLATION.id, lineId, quantity: 2, service: INSTALLATION }]);
    expect(await cartOf(token)).toEqual(added.cart);

    const after = await written(cartId);
    expect(after.version).toBe(before.version + 1);
    expect(after.events.at(-1)).toEqual({ type: "ServiceAdded", data: { serviceId: INSTALLATION.id, lineId, serviceLineId } });

    expect((await run(token, UPDATE, { p: product, q: 3 })).cart.serviceLines).toMatchObject([{ id: serviceLineId, quantity: 3 }]);
    expect((await run(token, ADD, { p: product, q: 2 })).cart.serviceLines).toMatchObject([{ id: serviceLineId, quantity: 5 }]);
    expect((await run(token, UPDATE, { p: product, q: 1 })).cart.serviceLines).toMatchObject([{ id: serviceLineId, quantity: 1 }]);
  });

  it("a line holds several services, each once", async () => {
    const { token, lineId } = await shopper(1);
    await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    const both = await run(token, ADD_SERVICE, { s: HAUL_AWAY.id, l: lineId });
    expect(both.userErrors).toEqual([]);
    expect(both.cart.serviceLines.map((s: any) => [s.serviceId, s.lineId, s.quantity])).toEqual([
      [INSTALLATION.id, lineId, 1],
      [HAUL_AWAY.id, lineId, 1],
    ]);
  });
});

describe("a standalone service", () => {
  it("goes with the cart itself, quantity 1, once; a cart with no lines may have one", async () => {
    const { token, cartId } = await shopper(3);
    const added = await run(token, ADD_SERVICE, { s: GIFT_WRAP.id });
    expect(added.userErrors).toEqual([]);
    expect(added.cart.serviceLines).toEqual([{ id: expect.any(String), serviceId: GIFT_WRAP.id, lineId: null, quantity: 1, service: GIFT_WRAP }]);
    expect((await written(cartId)).events.at(-1)).toEqual({
      type: "ServiceAdded",
      data: { serviceId: GIFT_WRAP.id, lineId: null, serviceLineId: added.cart.serviceLines[0].id },
    });

    const empty = await userToken({ sub: `user-${randomUUID()}` });
    const onEmpty = await run(empty, ADD_SERVICE, { s: SMS_NOTICE.id });
    expect(onEmpty.userErrors).toEqual([]);
    expect(onEmpty.cart).toMatchObject({ lines: [], serviceLines: [{ serviceId: SMS_NOTICE.id, lineId: null, quantity: 1, service: SMS_NOTICE }] });
  });
});

describe("refusals change nothing", () => {
  it.each([
    ["a service the product does not offer", "SERVICE_NOT_AVAILABLE", ["serviceId"], (lineId: string) => ({ s: ASSEMBLY, l: lineId })],
    ["a FOR_LINE service without a line", "SERVICE_NOT_AVAILABLE", ["lineId"], () => ({ s: INSTALLATION.id })],
    ["a STANDALONE service with a line", "SERVICE_NOT_AVAILABLE", ["lineId"], (lineId: string) => ({ s: GIFT_WRAP.id, l: lineId })],
    ["an unknown service", "SERVICE_NOT_AVAILABLE", ["serviceId"], () => ({ s: `no-such-${randomUUID()}` })],
    ["the same service again on the line", "SERVICE_ALREADY_ADDED", ["serviceId"], (lineId: string) => ({ s: INSTALLATION.id, l: lineId })],
    ["the same standalone service again", "SERVICE_ALREADY_ADDED", ["serviceId"], () => ({ s: GIFT_WRAP.id })],
    ["a line the cart does not have", "LINE_NOT_FOUND", ["lineId"], () => ({ s: INSTALLATION.id, l: randomUUID() })],
    ["a blank service id", "INVALID_ARGUMENT", ["serviceId"], () => ({ s: "  " })],
  ] as const)("addService of %s is %s", async (_case, code, field, variables) => {
    const { token, cartId, lineId } = await shopper(2);
    // Held already, for the repeats.
    await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    await run(token, ADD_SERVICE, { s: GIFT_WRAP.id });
    const before = await cartOf(token);
    const writtenBefore = await written(cartId);

    const refused = await run(token, ADD_SERVICE, variables(lineId));
    expect(refused.userErrors).toEqual([{ code, field, message: expect.any(String) }]);
    expect(refused.userErrors[0].message.length).toBeGreaterThan(0);
    expect(refused.warnings).toEqual([]);
    expect(refused.cart).toEqual(before);
    expect(await cartOf(token)).toEqual(before);
    expect(await written(cartId)).toEqual(writtenBefore);
  });

  it("a line of another shopper's cart, or one saved for later, is LINE_NOT_FOUND", async () => {
    const other = await shopper(1);
    const { token, product, cartId } = await shopper(1);
    const [second] = await newAppliances(1);
    const saved = (await run(token, ADD, { p: second, q: 1 })).cart.lines.find((l: any) => l.product.id === second).id;
    await run(token, SAVE, { p: second });
    const before = await cartOf(token);
    const writtenBefore = await written(cartId);

    for (const lineId of [other.lineId, saved]) {
      const refused = await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
      expect(refused.userErrors.map((e) => [e.code, e.field])).toEqual([["LINE_NOT_FOUND", ["lineId"]]]);
      expect(refused.cart).toEqual(before);
    }
    expect(await written(cartId)).toEqual(writtenBefore);
    expect(before.lines.map((l: any) => l.product.id)).toEqual([product]);
    expect(await written(other.cartId)).toMatchObject({ serviceLines: [] });
  });
});

describe("two adds of one service racing", () => {
  it.each([
    ["on one line", true],
    ["standalone", false],
  ])("%s: both judged by the catalog, queued on the cart's lock together: one is added, the other is SERVICE_ALREADY_ADDED", async (_case, onLine) => {
    const { token, cartId, lineId } = await shopper(1);
    const variables = onLine ? { s: INSTALLATION.id, l: lineId } : { s: GIFT_WRAP.id };
    const [a, b] = await whileHolding(holder, (tx) => tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${cartId} FOR UPDATE`, 2, () =>
      Promise.all([run(token, ADD_SERVICE, variables), run(token, ADD_SERVICE, variables)]),
    );
    expect([a, b].map((answer) => answer.userErrors.map((e) => e.code)).sort()).toEqual([[], ["SERVICE_ALREADY_ADDED"]]);
    const { serviceLines, events } = await written(cartId);
    expect(serviceLines).toEqual([{ id: expect.any(String), serviceId: variables.s, lineId: onLine ? lineId : null }]);
    expect(events.filter((event) => event.type === "ServiceAdded")).toHaveLength(1);
  });
});

describe("removing a service", () => {
  it("removes it (ServiceRemoved); a service line the cart does not have is SERVICE_LINE_NOT_FOUND and changes nothing", async () => {
    const { token, cartId, lineId } = await shopper(2);
    const withService = await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    const serviceLineId = withService.cart.serviceLines[0].id;
    const other = await shopper(1);
    const othersService = (await run(other.token, ADD_SERVICE, { s: GIFT_WRAP.id })).cart.serviceLines[0].id;

    const removed = await run(token, REMOVE_SERVICE, { id: serviceLineId });
    expect(removed.userErrors).toEqual([]);
    expect(removed.cart.serviceLines).toEqual([]);
    expect(removed.cart.lines).toEqual(withService.cart.lines);
    expect((await written(cartId)).events.at(-1)).toEqual({ type: "ServiceRemoved", data: { serviceId: INSTALLATION.id, lineId, serviceLineId, reason: "REMOVED" } });

    const writtenBefore = await written(cartId);
    for (const id of [serviceLineId, othersService, randomUUID()]) {
      const refused = await run(token, REMOVE_SERVICE, { id });
      expect(refused.userErrors.map((e) => [e.code, e.field])).toEqual([["SERVICE_LINE_NOT_FOUND", ["serviceLineId"]]]);
      expect(refused.cart).toEqual(removed.cart);
    }
    expect(await written(cartId)).toEqual(writtenBefore);
    expect((await written(other.cartId)).serviceLines).toHaveLength(1);

    // Once removed it may be added again.
    expect((await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId })).userErrors).toEqual([]);
  });
});

describe("a line leaving the cart", () => {
  it.each([
    ["removeFromCart", (product: string) => [REMOVE_LINE, { p: product }] as const],
    ["updateCartLine to 0", (product: string) => [UPDATE, { p: product, q: 0 }] as const],
    ["clearCart", () => [CLEAR, {}] as const],
    ["saveForLater", (product: string) => [SAVE, { p: product }] as const],
  ])("by %s takes its services along (ServiceRemoved, LINE_REMOVED); the other line's and the standalone ones stay", async (_case, change) => {
    const { token, product, cartId, lineId } = await shopper(2);
    const [other] = await newAppliances(1);
    const otherLine = (await run(token, ADD, { p: other, q: 1 })).cart.lines.find((l: any) => l.product.id === other).id;
    await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    await run(token, ADD_SERVICE, { s: HAUL_AWAY.id, l: lineId });
    await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: otherLine });
    const standalone = await run(token, ADD_SERVICE, { s: GIFT_WRAP.id });
    const [leaving, staying] = [
      standalone.cart.serviceLines.filter((s: any) => s.lineId === lineId),
      standalone.cart.serviceLines.filter((s: any) => s.lineId !== lineId),
    ];
    expect(leaving).toHaveLength(2);

    const [mutation, variables] = change(product);
    const changed = await run(token, mutation, variables);
    expect(changed.userErrors).toEqual([]);
    expect(changed.cart.lines.map((l: any) => l.id)).not.toContain(lineId);
    const cleared = mutation === CLEAR;
    // Clearing the cart takes every line, and so every line's services; a standalone service is the cart's own and stays.
    expect(changed.cart.serviceLines).toEqual(cleared ? staying.filter((s: any) => s.lineId === null) : staying);
    expect(await cartOf(token)).toEqual(changed.cart);

    const { serviceLines, events } = await written(cartId);
    expect(serviceLines.map((s) => s.id).sort()).toEqual(changed.cart.serviceLines.map((s: any) => s.id).sort());
    const removedEvents = events.filter((event) => event.type === "ServiceRemoved").map((event) => event.data);
    const removed = cleared ? [...leaving, ...staying.filter((s: any) => s.lineId !== null)] : leaving;
    expect(removedEvents).toEqual(
      expect.arrayContaining(removed.map((s: any) => ({ serviceId: s.serviceId, lineId: s.lineId, serviceLineId: s.id, reason: "LINE_REMOVED" }))),
    );
    expect(removedEvents).toHaveLength(removed.length);
  });

  it("a line saved for later comes back without its services", async () => {
    const { token, product, lineId } = await shopper(1);
    await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId });
    await run(token, SAVE, { p: product });
    const back = await run(token, MOVE, { p: product });
    expect(back.userErrors).toEqual([]);
    expect(back.cart.lines.map((l: any) => l.product.id)).toEqual([product]);
    expect(back.cart.serviceLines).toEqual([]);
  });
});

describe("signing in with a guest cart", () => {
  it("carries the guest's services onto the merged lines, once each, and its standalone ones to the user's cart", async () => {
    const [shared, guestOnly, gone] = await newAppliances(3);
    const { token: user, cartId } = await (async () => {
      const token = await userToken({ sub: `user-${randomUUID()}` });
      const { cart } = await run(token, ADD, { p: shared, q: 1 });
      await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: cart.lines[0].id });
      await run(token, ADD_SERVICE, { s: GIFT_WRAP.id });
      return { token, cartId: cart.id as string };
    })();

    const g = await guest();
    await run(g, ADD, { p: shared, q: 2 });
    await run(g, ADD, { p: guestOnly, q: 1 });
    const guestCart = (await run(g, ADD, { p: gone, q: 1 })).cart;
    const guestLine = (product: string) => guestCart.lines.find((l: any) => l.product.id === product).id;
    await run(g, ADD_SERVICE, { s: INSTALLATION.id, l: guestLine(shared) });
    await run(g, ADD_SERVICE, { s: HAUL_AWAY.id, l: guestLine(shared) });
    await run(g, ADD_SERVICE, { s: INSTALLATION.id, l: guestLine(guestOnly) });
    await run(g, ADD_SERVICE, { s: HAUL_AWAY.id, l: guestLine(gone) });
    await run(g, ADD_SERVICE, { s: GIFT_WRAP.id });
    await run(g, ADD_SERVICE, { s: SMS_NOTICE.id });
    // Discontinued since the guest put it in the cart: the line, and so its service, does not come along.
    await stack.catalog.db.product.update({ where: { id: gone }, data: { status: "DISCONTINUED" } });

    const merged = await run(user, MERGE, { t: g });
    expect(merged.userErrors).toEqual([]);
    expect(merged.warnings.map((w) => w.code)).toEqual(["MERGE_LINE_SKIPPED"]);
    const userLine = (product: string) => merged.cart.lines.find((l: any) => l.product.id === product);
    expect([userLine(shared).quantity, userLine(guestOnly).quantity, userLine(gone)]).toEqual([3, 1, undefined]);
    const held = merged.cart.serviceLines.map((s: any) => [s.serviceId, s.lineId, s.quantity]);
    expect(held).toHaveLength(5);
    expect(held).toEqual(
      expect.arrayContaining([
        [INSTALLATION.id, userLine(shared).id, 3],
        [HAUL_AWAY.id, userLine(shared).id, 3],
        [INSTALLATION.id, userLine(guestOnly).id, 1],
        [GIFT_WRAP.id, null, 1],
        [SMS_NOTICE.id, null, 1],
      ]),
    );
    // The user's own installation and gift wrap, once each.
    expect(held.filter(([id]: string[]) => id === INSTALLATION.id)).toHaveLength(2);
    expect(held.filter(([id]: string[]) => id === GIFT_WRAP.id)).toHaveLength(1);
    expect(await cartOf(user)).toEqual(merged.cart);

    const { events } = await written(cartId);
    const moved = merged.cart.serviceLines.filter((s: any) => [HAUL_AWAY.id, SMS_NOTICE.id].includes(s.serviceId) || s.lineId === userLine(guestOnly).id);
    expect(events.at(-1)?.type).toBe("CartMerged");
    const carried = (events.at(-1)?.data as { services: unknown[] }).services;
    expect(carried).toHaveLength(3);
    expect(carried).toEqual(expect.arrayContaining(moved.map((s: any) => ({ serviceId: s.serviceId, lineId: s.lineId, serviceLineId: s.id }))));
  });
});

describe("with the catalog out of the cart's reach", () => {
  it("adding a service is CATALOG_UNAVAILABLE and changes nothing; removing one needs no catalog", async () => {
    const { token, cartId, lineId } = await shopper(2);
    const giftWrap = (await run(token, ADD_SERVICE, { s: GIFT_WRAP.id })).cart.serviceLines[0].id;
    const writtenBefore = await written(cartId);
    const SMALL = `mutation($s: ID!, $l: ID) { addService(serviceId: $s, lineId: $l) { cart { id serviceLines { id serviceId } } userErrors { code } } }`;
    stack.catalogLink.cut();
    try {
      for (const variables of [{ s: INSTALLATION.id, l: lineId }, { s: SMS_NOTICE.id }]) {
        const refused = await stack.query(SMALL, variables, token);
        expect(refused.data.addService).toEqual({ cart: { id: cartId, serviceLines: [{ id: giftWrap, serviceId: GIFT_WRAP.id }] }, userErrors: [{ code: "CATALOG_UNAVAILABLE" }] });
      }
      expect(await written(cartId)).toEqual(writtenBefore);

      const removed = await stack.query(`mutation($id: ID!) { removeService(serviceLineId: $id) { cart { serviceLines { id } } userErrors { code } } }`, { id: giftWrap }, token);
      expect(removed.data.removeService).toEqual({ cart: { serviceLines: [] }, userErrors: [] });
    } finally {
      stack.catalogLink.restore();
    }
  });
});

describe("service line events", () => {
  it("ServiceAdded and ServiceRemoved reach cart-events with the service, the line and the service line", async () => {
    const { userId, token, product, cartId, lineId } = await shopper(1);
    const installation = (await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId })).cart.serviceLines[0].id;
    const giftWrap = (await run(token, ADD_SERVICE, { s: GIFT_WRAP.id })).cart.serviceLines.find((s: any) => s.serviceId === GIFT_WRAP.id).id;
    await run(token, REMOVE_SERVICE, { id: giftWrap });
    await run(token, REMOVE_LINE, { p: product });
    await stack.cart.relay.drain();

    const entries = await redis.xrange(CART_EVENTS_STREAM, "-", "+");
    const events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1])).filter((event) => event.aggregateId === cartId);
    expect(events.map((event) => event.type)).toEqual(["CartItemAdded", "ServiceAdded", "ServiceAdded", "ServiceRemoved", "CartItemRemoved", "ServiceRemoved"]);
    expect(events.slice(1).filter((event) => event.type.startsWith("Service")).map((event) => ({ userId: event.userId, data: event.data }))).toEqual([
      { userId, data: { serviceId: INSTALLATION.id, lineId, serviceLineId: installation } },
      { userId, data: { serviceId: GIFT_WRAP.id, lineId: null, serviceLineId: giftWrap } },
      { userId, data: { serviceId: GIFT_WRAP.id, lineId: null, serviceLineId: giftWrap, reason: "REMOVED" } },
      { userId, data: { serviceId: INSTALLATION.id, lineId, serviceLineId: installation, reason: "LINE_REMOVED" } },
    ]);
  });
});

describe("a service line reached by reference", () => {
  it("resolves for a service (pricing) with its quantity, and for its owner only", async () => {
    const { userId, token, lineId } = await shopper(4);
    const serviceLineId = (await run(token, ADD_SERVICE, { s: INSTALLATION.id, l: lineId })).cart.serviceLines[0].id;
    const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CartServiceLine { id serviceId lineId quantity service { id } } } }`;
    const ask = (identity: Parameters<typeof signIdentity>[0]) =>
      graphql(stack.cart.url, QUERY, { variables: { r: [{ __typename: "CartServiceLine", id: serviceLineId }] }, headers: { [IDENTITY_HEADER]: signIdentity(identity, DEV_INTERNAL_SECRET) } });
    const expected = { id: serviceLineId, serviceId: INSTALLATION.id, lineId, quantity: 4, service: { id: INSTALLATION.id } };
    expect((await ask(serviceIdentity("pricing"))).data._entities).toEqual([expected]);
    expect((await ask({ kind: "user", subject: userId, roles: ["customer"] })).data._entities).toEqual([expected]);
    expect((await ask({ kind: "user", subject: `user-${randomUUID()}`, roles: ["customer"] })).data._entities).toEqual([null]);
  });
});
