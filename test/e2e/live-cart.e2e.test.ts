// The live cart through the gateway: graphql-ws on /graphql, the token in connectionParams, and
// the caller's own cart pushed with every federated field they selected, after each change from
// any session or gateway process, after checkout, and when a price or a promotion changes the
// quote of a cart that holds the product. Every wait below is for a push or a close: a push that
// must not come is shown not to by the push that comes instead.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, eventually, graphql, sampleValue, scrapeMetrics, signedToken, userToken } from "@trolley/testing";
import { readyToCheckOut } from "../support/delivery.js";
import { bearer, gatewayFactory, post } from "../support/gateway-http.js";
import { LiveCartClient, openLiveCart, rawSocket } from "../support/live-cart.js";
import { ADD, APPLY, createProduct, createPromotion, newCode } from "../support/priced-fixtures.js";
import { startProxy } from "../support/proxy.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let admin: string;
const gateways = gatewayFactory(() => stack);
const opened: LiveCartClient[] = [];

beforeAll(async () => {
  stack = await startStack();
  admin = await userToken({ roles: ["admin"] });
});
afterAll(async () => {
  await Promise.all(opened.map((live) => live.close()));
  await gateways.closeAll();
  await stack?.close();
});

async function live(gatewayUrl: string, token: string, query?: string) {
  const opening = await openLiveCart(gatewayUrl, token, query);
  opened.push(opening.live);
  return opening;
}

/** A guest's token as startGuestSession signs it (without using up the address's guest sessions, which later test files of this worker count). */
const guestToken = () => signedToken({ secret: DEV_JWT_SECRET }, { sub: `guest:${randomUUID()}`, roles: ["guest"] });

async function add(token: string, productId: string, quantity = 1, url?: string) {
  const result = await graphql(url ?? stack.gateway.url, ADD, { variables: { p: productId, q: quantity }, token });
  expect(result.errors).toBeUndefined();
  expect(result.data.addToCart.userErrors).toEqual([]);
}

const SET_PRICE = `mutation($p: ID!, $a: String!) { setProductPrice(productId: $p, amount: $a) { userErrors { code } } }`;

describe("pushes", () => {
  it("the cart as it is on subscribing, then after each change, with catalog names and prices and the quote", async () => {
    const token = await guestToken();
    const product = await createProduct(stack, 1250);
    const { live: cart, first } = await live(stack.gateway.url, token);
    expect(first).toMatchObject({ cause: "SUBSCRIBED", cart: { lines: [], cost: { total: { amount: "0.00" } } } });

    await add(token, product, 2);
    const added = await cart.nextCart();
    expect(added.cause).toBe("ITEM_ADDED");
    expect(added.cart.id).toBe(first.cart.id);
    expect(added.cart.lines).toEqual([{ productId: product, quantity: 2, product: { name: expect.stringContaining("Test product"), price: { amount: "12.50" } } }]);
    expect(added.cart.cost.total.amount).not.toBe("0.00");

    await stack.query(`mutation($p: ID!) { updateCartLine(productId: $p, quantity: 3) { userErrors { code } } }`, { p: product }, token);
    expect(await cart.nextCart()).toMatchObject({ cause: "QUANTITY_CHANGED", cart: { lines: [{ quantity: 3 }] } });

    const code = newCode();
    await createPromotion(stack, admin, { code, target: { kind: "PRODUCTS", productIds: [product] }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });
    await stack.query(APPLY, { code }, token);
    // The new promotion is a rule change every subscriber looks at: if that look comes after the
    // code is in, it is pushed (PRICE_CHANGED) with the code's discount before CODE_CHANGED is.
    let discounted = await cart.nextCart();
    while (discounted.cause === "PRICE_CHANGED") discounted = await cart.nextCart();
    expect(discounted.cause).toBe("CODE_CHANGED");
    expect(discounted.cart.cost.discountTotal.amount).toBe("3.75");
  });

  it("answers the subscriber's own selection: aliases, fragments, variables and @include as a query would", async () => {
    const token = await guestToken();
    const product = await createProduct(stack, 500);
    const query = `subscription Live($withProduct: Boolean!) {
      update: cartUpdated { why: cause __typename ...Lines }
    }
    fragment Lines on CartUpdate { mine: cart { items: lines { quantity product @include(if: $withProduct) { ...Named } } } }
    fragment Named on Product { title: name }`;
    const cart = new LiveCartClient(stack.gateway.url, token);
    opened.push(cart);
    const subscribed = cart.subscribe(query, { withProduct: true });
    expect((await subscribed.next()).data).toEqual({ update: { why: "SUBSCRIBED", __typename: "CartUpdate", mine: { items: [] } } });
    await add(token, product);
    expect((await subscribed.next()).data).toEqual({ update: { why: "ITEM_ADDED", __typename: "CartUpdate", mine: { items: [{ quantity: 1, product: { title: expect.stringContaining("Test product") } }] } } });
  });

  it("reach every device of a user, from changes made in another session through another gateway process", async () => {
    const user = `user-${randomUUID()}`;
    const [phone, laptop] = [await userToken({ sub: user }), await userToken({ sub: user })];
    const other = await gateways.start();
    const product = await createProduct(stack, 990);
    // One socket on each process: the event is taken by one process's relay, so at least one of
    // the two pushes crossed from one process to the other through Redis.
    const { live: onPhone } = await live(stack.gateway.url, phone);
    const { live: onLaptop } = await live(other.url, laptop);
    await add(phone, product, 1, other.url);
    for (const device of [onPhone, onLaptop]) expect(await device.nextCart()).toMatchObject({ cause: "ITEM_ADDED", cart: { lines: [{ productId: product, quantity: 1 }] } });
  });

  it("never another caller's changes: the next push after someone else's change is the subscriber's own", async () => {
    const [mine, theirs] = [await guestToken(), await guestToken()];
    const [myProduct, theirProduct] = [await createProduct(stack, 100), await createProduct(stack, 200)];
    const { live: cart } = await live(stack.gateway.url, mine);
    await add(theirs, theirProduct);
    await add(mine, myProduct);
    const next = await cart.nextCart();
    expect(next.cart.lines.map((l: { productId: string }) => l.productId)).toEqual([myProduct]);
    expect(cart.unread).toBe(0);
  });

  it("after checkout: CHECKED_OUT with the new, empty cart, and the new cart's changes after it", async () => {
    const token = await userToken();
    const product = await createProduct(stack, 2000);
    await add(token, product);
    await readyToCheckOut(stack, token);
    const { live: cart, first } = await live(stack.gateway.url, token);
    const checkout = await stack.query(`mutation { checkout(idempotencyKey: "${randomUUID()}") { order { id } userErrors { code } } }`, {}, token);
    expect(checkout.data.checkout.userErrors).toEqual([]);
    const checkedOut = await cart.nextCart();
    expect(checkedOut.cause).toBe("CHECKED_OUT");
    expect(checkedOut.cart.lines).toEqual([]);
    expect(checkedOut.cart.id).not.toBe(first.cart.id);
    await add(token, product);
    expect(await cart.nextCart()).toMatchObject({ cause: "ITEM_ADDED", cart: { id: checkedOut.cart.id, lines: [{ productId: product }] } });
  });
});

describe("degraded", () => {
  it("with the catalog unreachable, a push is the cart without the catalog's fields and one error naming it", async () => {
    const link = await startProxy(() => stack.catalog.url);
    const gateway = await gateways.start({ CATALOG_URL: link.url });
    const token = await guestToken();
    const product = await createProduct(stack, 1500);
    await add(token, product);
    const { live: cart } = await live(gateway.url, token);
    link.cut();
    try {
      await stack.query(`mutation($p: ID!) { updateCartLine(productId: $p, quantity: 2) { userErrors { code } } }`, { p: product }, token);
      const push = await cart.next();
      expect(push.data?.cartUpdated).toMatchObject({ cause: "QUANTITY_CHANGED", cart: { lines: [{ productId: product, quantity: 2, product: null }] } });
      // As a query answers it (one-error-per-service.ts): one error for the service, whatever it emptied.
      expect(push.errors).toEqual([expect.objectContaining({ extensions: { code: "SERVICE_UNAVAILABLE", service: "catalog" } })]);
    } finally {
      link.restore();
      await link.close();
    }
  });
});

describe("price and promotion changes", () => {
  it("push PRICE_CHANGED to carts holding the product, and to no other", async () => {
    const [holder, bystander] = [await guestToken(), await guestToken()];
    const [product, elsewhere] = [await createProduct(stack, 1000), await createProduct(stack, 300)];
    await add(holder, product);
    await add(bystander, elsewhere);
    const { live: holding } = await live(stack.gateway.url, holder);
    const { live: notHolding } = await live(stack.gateway.url, bystander);
    expect((await stack.query(SET_PRICE, { p: product, a: "8.00" }, admin)).data.setProductPrice.userErrors).toEqual([]);
    const repriced = await holding.nextCart();
    expect(repriced.cause).toBe("PRICE_CHANGED");
    expect(repriced.cart.lines[0].product.price.amount).toBe("8.00");
    // The bystander's next push is its own change, not the price change.
    await add(bystander, elsewhere);
    expect((await notHolding.nextCart()).cause).toBe("ITEM_ADDED");
  });

  it("push PRICE_CHANGED when a new promotion changes the quote, and only to the carts whose quote it changed", async () => {
    // A process of its own, so that only these two subscribers look at the change.
    const gateway = await gateways.start();
    const [holder, bystander] = [await guestToken(), await guestToken()];
    const [product, elsewhere] = [await createProduct(stack, 4000), await createProduct(stack, 300)];
    await add(holder, product);
    await add(bystander, elsewhere);
    const { live: holding } = await live(gateway.url, holder);
    const { live: notHolding } = await live(gateway.url, bystander);
    await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [product] }, action: { kind: "PERCENTAGE", basisPoints: 2500 } });
    const promoted = await holding.nextCart();
    expect(promoted.cause).toBe("PRICE_CHANGED");
    expect(promoted.cart.cost.discountTotal.amount).toBe("10.00");
    // Each subscriber looks twice (at once, and once more after the settle time): the holder's
    // other look and both of the bystander's found nothing to push.
    await eventually(async () => sampleValue(await scrapeMetrics(gateway.metricsUrl), "trolley_live_cart_unchanged_total") === 3);
    await add(bystander, elsewhere);
    expect((await notHolding.nextCart()).cause).toBe("ITEM_ADDED");
    expect(holding.unread).toBe(0);
  });
});

describe("refuses", () => {
  it("a socket without a token, or with a bad one (4401), and serves no anonymous cart", async () => {
    for (const params of [{}, { authorization: "Bearer not-a-token" }, { authorization: "Basic abc" }]) {
      const socket = rawSocket(stack.gateway.url, params);
      expect((await socket.closed).code).toBe(4401);
    }
  });

  it("queries and mutations over the socket, and a subscription that does not validate", async () => {
    const socket = rawSocket(stack.gateway.url, { authorization: `Bearer ${await guestToken()}` });
    await socket.received("connection_ack");
    socket.socket.send(JSON.stringify({ id: "q", type: "subscribe", payload: { query: "{ cart { id } }" } }));
    socket.socket.send(JSON.stringify({ id: "v", type: "subscribe", payload: { query: "subscription { cartUpdated { nope } }" } }));
    const errors = async (id: string) => {
      await eventually(async () => socket.messages.some((m) => m.id === id && m.type === "error"));
      return socket.messages.find((m) => m.id === id).payload;
    };
    expect((await errors("q"))[0]).toMatchObject({ message: expect.stringContaining("over HTTP"), extensions: { code: "BAD_REQUEST" } });
    expect((await errors("v"))[0].message).toContain("nope");
    socket.socket.close();
  });

  it("the subscription over HTTP, with a clear error instead of a crash", async () => {
    const answer = await post(stack.gateway.url, { query: "subscription { cartUpdated { cause } }" }, bearer(await guestToken()));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("graphql-ws"), extensions: expect.objectContaining({ code: "BAD_REQUEST" }) })]);
  });

  it("a socket from an origin CORS_ORIGINS does not list", async () => {
    const socket = rawSocket(stack.gateway.url, null, { origin: "https://evil.example.net" });
    expect(await socket.unexpected).toBe(403);
  });
});

describe("bounds", () => {
  it("sockets per identity, counted across gateway processes (4429), and subscriptions per socket", async () => {
    const env = { LIVE_CART_SOCKETS_PER_IDENTITY: "2", LIVE_CART_SUBSCRIPTIONS_PER_SOCKET: "1" };
    const [first, second] = [await gateways.start(env), await gateways.start(env)];
    const token = await guestToken();
    const { live: one } = await live(first.url, token);
    await live(second.url, token);
    const third = rawSocket(first.url, { authorization: `Bearer ${token}` });
    expect((await third.closed).code).toBe(4429);
    // Another identity is not affected.
    await live(second.url, await guestToken());
    // A second subscription on a socket that holds its one is refused; the first goes on.
    const socket = rawSocket(second.url, { authorization: `Bearer ${await guestToken()}` });
    await socket.received("connection_ack");
    const subscribe = (id: string) => socket.socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: "subscription { cartUpdated { cause } }" } }));
    subscribe("a");
    await socket.received("next");
    subscribe("b");
    await eventually(async () => socket.messages.some((m) => m.id === "b" && m.type === "error"));
    expect(socket.messages.find((m) => m.id === "b").payload[0].extensions.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    socket.socket.close();
    await one.close();
  });

  it("drops a reader that stopped reading, and the others go on", async () => {
    const gateway = await gateways.start({ LIVE_CART_HEARTBEAT: "200ms" });
    const token = await guestToken();
    const product = await createProduct(stack, 700);
    const slow = rawSocket(gateway.url, { authorization: `Bearer ${token}` });
    await slow.received("connection_ack");
    slow.socket.send(JSON.stringify({ id: "s", type: "subscribe", payload: { query: "subscription { cartUpdated { cause } }" } }));
    await slow.received("next");
    // The reader stops reading: it answers no ping from here on.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const { live: healthy } = await live(gateway.url, token);
    await eventually(async () => sampleValue(await scrapeMetrics(gateway.metricsUrl), "trolley_live_cart_sockets_closed_total", { reason: "heartbeat" }) === 1);
    await add(token, product);
    expect((await healthy.nextCart()).cause).toBe("ITEM_ADDED");
  });

  it("closes a socket when its token expires (4401)", async () => {
    const token = await signedToken({ secret: DEV_JWT_SECRET }, { exp: Math.floor(Date.now() / 1000) + 2 });
    const socket = rawSocket(stack.gateway.url, { authorization: `Bearer ${token}` });
    await socket.received("connection_ack");
    expect(await socket.closed).toMatchObject({ code: 4401, reason: expect.stringContaining("expired") });
  });

  it("counts sockets, subscriptions and pushes in /metrics", async () => {
    const gateway = await gateways.start();
    const token = await guestToken();
    const { live: cart } = await live(gateway.url, token);
    const samples = await scrapeMetrics(gateway.metricsUrl);
    expect(sampleValue(samples, "trolley_live_cart_sockets")).toBe(1);
    expect(sampleValue(samples, "trolley_live_cart_subscriptions")).toBe(1);
    expect(sampleValue(samples, "trolley_live_cart_pushes_total", { cause: "SUBSCRIBED" })).toBe(1);
    await cart.close();
    await eventually(async () => sampleValue(await scrapeMetrics(gateway.metricsUrl), "trolley_live_cart_sockets") === 0);
  });
});
