// The cart through the front door: what a web or mobile client sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { productIds, seedSku } from "../support/fixtures.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const CART = `{ cart { id status totalQuantity lines { quantity product { id } } } }`;
const ENRICHED = `{ cart { id totalQuantity lines { quantity product { name price { amount currencyCode } } subtotal { amount } } cost { subtotal { amount } total { amount } } } }`;
const PAYLOAD = `cart { id totalQuantity lines { quantity product { id } } } userErrors { code field message }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { ${PAYLOAD} } }`;
const CLEAR = `mutation { clearCart { ${PAYLOAD} } }`;

let stack: Stack;
let dripper: string, outOfStock: string, discontinued: string, lowStock: string;

beforeAll(async () => {
  stack = await startStack();
  [dripper, outOfStock, discontinued, lowStock] = await productIds(stack, [seedSku.dripper, seedSku.outOfStock, seedSku.discontinued, seedSku.lowStock]);
});
afterAll(() => stack?.close());

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

async function mutate(token: string, mutation: string, variables: Record<string, unknown> = {}) {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as { cart: any; userErrors: { code: string; field: string[] | null; message: string }[] };
}

describe("reading a cart", () => {
  it("writes nothing: the empty cart's id is the id its row gets on the first change", async () => {
    const sub = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub });
    const empty = await cartOf(token);
    expect(await cartOf(token)).toEqual(empty);
    expect(await stack.cart.db.cart.count({ where: { ownerId: sub } })).toBe(0);

    const added = await mutate(token, ADD, { p: dripper, q: 1 });
    expect(added.cart.id).toBe(empty.id);
    expect(await stack.cart.db.cart.findMany({ where: { ownerId: sub }, select: { id: true } })).toEqual([{ id: empty.id }]);

    // After checkout the next cart is another one, again known before it is written.
    await readyToCheckOut(stack, token);
    const placed = (await stack.query(`mutation { checkout(idempotencyKey: "read-1") { order { id } } }`, {}, token)).data.checkout;
    await stack.cart.db.cart.update({ where: { id: empty.id }, data: { status: "CHECKED_OUT" } });
    expect(placed.order.id).toBeTruthy();
    const next = await cartOf(token);
    expect(next.id).not.toBe(empty.id);
    expect(await stack.cart.db.cart.count({ where: { ownerId: sub } })).toBe(1);
    expect((await mutate(token, ADD, { p: dripper, q: 1 })).cart.id).toBe(next.id);
  });

  it("for a guest writes nothing either", async () => {
    const { token } = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession;
    const { sub } = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    expect(sub).toMatch(/^guest:/);
    await cartOf(token);
    expect(await stack.cart.db.cart.count({ where: { ownerId: sub } })).toBe(0);
  });
});

describe("a cart through the gateway", () => {
  it("is empty when new", async () => {
    const cart = await cartOf(await userToken());
    expect(cart).toMatchObject({ status: "ACTIVE", totalQuantity: 0, lines: [] });
    expect(cart.id).toBeTruthy();
  });

  it("gets a line when a product is added", async () => {
    const token = await userToken();
    const { cart, userErrors } = await mutate(token, ADD, { p: dripper, q: 2 });
    expect(userErrors).toEqual([]);
    expect(cart.lines).toEqual([{ quantity: 2, product: { id: dripper } }]);
    expect(await cartOf(token)).toMatchObject({ id: cart.id, lines: cart.lines });
  });

  it("sums the quantities when the same product is added again", async () => {
    const token = await userToken();
    await mutate(token, ADD, { p: dripper, q: 2 });
    const { cart } = await mutate(token, ADD, { p: dripper, q: 1 });
    expect(cart.lines).toEqual([{ quantity: 3, product: { id: dripper } }]);
    expect(cart.totalQuantity).toBe(3);
  });

  it("sets the quantity on update", async () => {
    const token = await userToken();
    await mutate(token, ADD, { p: dripper, q: 2 });
    const { cart, userErrors } = await mutate(token, UPDATE, { p: dripper, q: 5 });
    expect(userErrors).toEqual([]);
    expect(cart.lines).toEqual([{ quantity: 5, product: { id: dripper } }]);
    expect((await mutate(token, UPDATE, { p: dripper, q: 1 })).cart.totalQuantity).toBe(1);
  });

  it("drops the line on remove, and on an update to 0", async () => {
    const token = await userToken();
    await mutate(token, ADD, { p: dripper, q: 2 });
    await mutate(token, ADD, { p: lowStock, q: 1 });
    const removed = await mutate(token, REMOVE, { p: dripper });
    expect(removed.cart.lines).toEqual([{ quantity: 1, product: { id: lowStock } }]);
    const zeroed = await mutate(token, UPDATE, { p: lowStock, q: 0 });
    expect(zeroed.userErrors).toEqual([]);
    expect(zeroed.cart.lines).toEqual([]);
  });

  it("is empty after clear, and keeps its id", async () => {
    const token = await userToken();
    const { cart: before } = await mutate(token, ADD, { p: dripper, q: 2 });
    await mutate(token, ADD, { p: lowStock, q: 1 });
    const { cart, userErrors } = await mutate(token, CLEAR);
    expect(userErrors).toEqual([]);
    expect(cart).toMatchObject({ id: before.id, totalQuantity: 0, lines: [] });
    expect(await cartOf(token)).toMatchObject({ id: before.id, lines: [] });
  });

  it("answers names, prices, exact subtotals and the estimated tax in one request", async () => {
    const token = await userToken();
    await mutate(token, ADD, { p: dripper, q: 3 });
    const result = await stack.query(ENRICHED, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.cart).toMatchObject({
      totalQuantity: 3,
      lines: [{ quantity: 3, product: { name: "Ceramic Pour-Over Dripper", price: { amount: "19.99", currencyCode: "USD" } }, subtotal: { amount: "59.97" } }],
      // Sales tax for the shop's default place (California, 7.25%) before an address: 59.97 x 7.25%
      // = 4.3478 -> 4.35, added on top.
      cost: { subtotal: { amount: "59.97" }, total: { amount: "64.32" } },
    });
  });

  it("prices an empty cart at zero", async () => {
    const result = await stack.query(ENRICHED, {}, await userToken());
    expect(result.data.cart.cost).toEqual({ subtotal: { amount: "0.00" }, total: { amount: "0.00" } });
  });
});

describe("refused changes", () => {
  let token: string;
  let before: unknown;

  beforeAll(async () => {
    token = await userToken();
    await mutate(token, ADD, { p: dripper, q: 2 });
    before = await cartOf(token);
  });

  it.each([
    ["a quantity of 0", ADD, () => ({ p: dripper, q: 0 }), "INVALID_QUANTITY", ["quantity"]],
    ["a negative quantity", ADD, () => ({ p: dripper, q: -3 }), "INVALID_QUANTITY", ["quantity"]],
    ["a quantity over 999", ADD, () => ({ p: dripper, q: 1000 }), "INVALID_QUANTITY", ["quantity"]],
    ["a sum over 999 on one line", ADD, () => ({ p: dripper, q: 998 }), "INVALID_QUANTITY", ["quantity"]],
    ["an unknown product", ADD, () => ({ p: "00000000-0000-0000-0000-000000000000", q: 1 }), "PRODUCT_NOT_FOUND", ["productId"]],
    ["a discontinued product", ADD, () => ({ p: discontinued, q: 1 }), "PRODUCT_UNAVAILABLE", ["productId"]],
    ["an out-of-stock product", ADD, () => ({ p: outOfStock, q: 1 }), "OUT_OF_STOCK", ["quantity"]],
    ["more than the stock", ADD, () => ({ p: lowStock, q: 6 }), "OUT_OF_STOCK", ["quantity"]],
    ["an update over 999", UPDATE, () => ({ p: dripper, q: 1000 }), "INVALID_QUANTITY", ["quantity"]],
    ["an update below 0", UPDATE, () => ({ p: dripper, q: -1 }), "INVALID_QUANTITY", ["quantity"]],
    ["an update of a line the cart lacks", UPDATE, () => ({ p: lowStock, q: 1 }), "LINE_NOT_FOUND", ["productId"]],
    ["removing a line the cart lacks", REMOVE, () => ({ p: lowStock }), "LINE_NOT_FOUND", ["productId"]],
  ] as const)("%s: %s", async (_name, mutation, variables, code, field) => {
    const { cart, userErrors } = await mutate(token, mutation, variables());
    expect(userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(userErrors[0].message.length).toBeGreaterThan(0);
    const { status: _status, ...unchanged } = before as Record<string, unknown>;
    expect(cart).toEqual(unchanged);
    expect(await cartOf(token)).toEqual(before);
  });

  it("raising above stock on update is refused, lowering is not", async () => {
    const own = await userToken();
    await mutate(own, ADD, { p: lowStock, q: 1 });
    const raised = await mutate(own, UPDATE, { p: lowStock, q: 6 });
    expect(raised.userErrors.map((e) => e.code)).toEqual(["OUT_OF_STOCK"]);
    expect(raised.cart.totalQuantity).toBe(1);
  });

  it("a malformed argument is a GraphQL validation error", async () => {
    const result = await stack.query(`mutation { addToCart(productId: "x", quantity: "two") { cart { id } } }`, {}, token);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await cartOf(token)).toEqual(before);
  });
});

describe("who may see a cart", () => {
  it("a cart needs a token; the catalog does not", async () => {
    const cart = await stack.query(CART);
    expect(cart.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const add = await stack.query(ADD, { p: dripper, q: 1 });
    expect(add.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const products = await stack.query(`{ products(first: 1) { totalCount } categories { slug } }`);
    expect(products.errors).toBeUndefined();
    expect(products.data.products.totalCount).toBeGreaterThan(50);
  });

  it("a forged, expired or malformed token is refused", async () => {
    const forged = await userToken({ secret: "not-the-gateway-secret-at-all" });
    for (const token of [forged, "not.a.jwt", `${(await userToken()).slice(0, -3)}abc`]) {
      const result = await stack.query(CART, {}, token);
      expect(result.status).toBe(401);
      expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("one user never sees or changes another's cart", async () => {
    const alice = await userToken();
    const bob = await userToken();
    const { cart: aliceCart } = await mutate(alice, ADD, { p: dripper, q: 2 });
    const bobCart = await cartOf(bob);
    expect(bobCart.id).not.toBe(aliceCart.id);
    expect(bobCart.lines).toEqual([]);
    expect((await mutate(bob, REMOVE, { p: dripper })).userErrors[0].code).toBe("LINE_NOT_FOUND");
    await mutate(bob, CLEAR);
    expect((await cartOf(alice)).lines).toEqual([{ quantity: 2, product: { id: dripper } }]);
  });

  it("a guest session gets its own cart", async () => {
    const session = await stack.query(`mutation { startGuestSession { token expiresAt } }`);
    expect(session.errors).toBeUndefined();
    const { token, expiresAt } = session.data.startGuestSession;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const { cart, userErrors } = await mutate(token, ADD, { p: dripper, q: 1 });
    expect(userErrors).toEqual([]);
    expect(cart.totalQuantity).toBe(1);
    const other = await stack.query(`mutation { startGuestSession { token } }`);
    expect((await cartOf(other.data.startGuestSession.token)).lines).toEqual([]);
  });

  it("orders and payments need a token; a new user has no orders", async () => {
    const anonymous = await stack.query(`{ orders { edges { cursor } } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const orders = await stack.query(`{ orders { edges { cursor } pageInfo { hasNextPage endCursor } } }`, {}, await userToken());
    expect(orders.errors).toBeUndefined();
    expect(orders.data.orders).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
