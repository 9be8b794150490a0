// Adding many lines at once, saving for later, and shops that make guests sign in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signGuestToken } from "@trolley/identity";
import { DEV_JWT_SECRET, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { productIds, seedSku } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const PAYLOAD = `cart { totalQuantity lines { quantity product { id } } savedForLater { quantity product { id } } cost { subtotal { amount } } } userErrors { code field message }`;
const BULK = `mutation($lines: [CartLineInput!]!) { addToCartBulk(lines: $lines) { ${PAYLOAD} } }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const SAVE = `mutation($p: ID!) { saveForLater(productId: $p) { ${PAYLOAD} } }`;
const MOVE = `mutation($p: ID!) { moveToCart(productId: $p) { ${PAYLOAD} } }`;
const CART = `{ cart { totalQuantity lines { quantity product { id } } savedForLater { quantity product { id } } } }`;

let stack: Stack;
let a: string, b: string, lowStock: string, discontinued: string;

beforeAll(async () => {
  stack = await startStack();
  [a, b] = await createProducts(stack.catalog.db, 2, { priceMinor: 250, stock: 50 });
  [lowStock, discontinued] = await productIds(stack, [seedSku.lowStock, seedSku.discontinued]);
});
afterAll(() => stack?.close());

async function run(query: string, variables: Record<string, unknown>, token: string) {
  const result = await stack.query(query, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as any;
}

describe("addToCartBulk", () => {
  it("adds every line, summing repeats and existing lines", async () => {
    const token = await userToken();
    await run(ADD, { p: a, q: 1 }, token);
    const { cart, userErrors } = await run(BULK, { lines: [{ productId: a, quantity: 2 }, { productId: b, quantity: 3 }, { productId: a, quantity: 1 }] }, token);
    expect(userErrors).toEqual([]);
    expect(cart.lines).toEqual([{ quantity: 4, product: { id: a } }, { quantity: 3, product: { id: b } }]);
    expect(cart.cost.subtotal.amount).toBe("17.50");
  });

  it("adds nothing when any line fails, and reports each failing line by index", async () => {
    const token = await userToken();
    const { cart, userErrors } = await run(
      BULK,
      { lines: [{ productId: a, quantity: 1 }, { productId: discontinued, quantity: 1 }, { productId: b, quantity: 0 }, { productId: lowStock, quantity: 500 }] },
      token,
    );
    expect(userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ["PRODUCT_UNAVAILABLE", ["lines", "1", "productId"]],
      ["INVALID_QUANTITY", ["lines", "2", "quantity"]],
      ["OUT_OF_STOCK", ["lines", "3", "quantity"]],
    ]);
    expect(cart.lines).toEqual([]);
    expect((await run(CART, {}, token)).lines).toEqual([]);
  });

  it("refuses an empty list", async () => {
    const { userErrors } = await run(BULK, { lines: [] }, await userToken());
    expect(userErrors.map((e: any) => e.code)).toEqual(["INVALID_ARGUMENT"]);
  });
});

describe("save for later", () => {
  it("moves a line out of the cart's lines, quantity and cost, and back", async () => {
    const token = await userToken();
    await run(ADD, { p: a, q: 2 }, token);
    await run(ADD, { p: b, q: 1 }, token);
    const saved = await run(SAVE, { p: a }, token);
    expect(saved.userErrors).toEqual([]);
    expect(saved.cart).toMatchObject({ totalQuantity: 1, lines: [{ quantity: 1, product: { id: b } }], savedForLater: [{ quantity: 2, product: { id: a } }] });
    expect(saved.cart.cost.subtotal.amount).toBe("2.50");

    const moved = await run(MOVE, { p: a }, token);
    expect(moved.userErrors).toEqual([]);
    expect(moved.cart.totalQuantity).toBe(3);
    expect(moved.cart.savedForLater).toEqual([]);
  });

  it("refuses to save what is not in the cart, or to move what is not saved", async () => {
    const token = await userToken();
    expect((await run(SAVE, { p: a }, token)).userErrors.map((e: any) => e.code)).toEqual(["LINE_NOT_FOUND"]);
    expect((await run(MOVE, { p: a }, token)).userErrors.map((e: any) => e.code)).toEqual(["LINE_NOT_FOUND"]);
  });
});

describe("GUEST_CARTS=off", () => {
  it("starts no guest session, lets existing guests read their cart but asks them to sign in to change it", async () => {
    const closed = await startStack({ env: { GUEST_CARTS: "off" } });
    try {
      const start = await closed.query(`mutation { startGuestSession { token } }`);
      expect(start.data).toBeNull();
      expect(start.errors?.map((e) => e.extensions?.code)).toEqual(["GUEST_SESSIONS_DISABLED"]);
      // A guest whose session began before guest carts were switched off.
      const { token: guest } = await signGuestToken({ secret: DEV_JWT_SECRET }, 3600);
      expect((await closed.query(`{ cart { totalQuantity } }`, {}, guest)).data.cart.totalQuantity).toBe(0);
      const refused = await closed.query(ADD, { p: a, q: 1 }, guest);
      expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(refused.errors?.[0].message).toMatch(/sign in to use the cart/i);
      const user = await closed.query(ADD, { p: a, q: 1 }, await userToken());
      expect(user.data.addToCart.userErrors).toEqual([]);
    } finally {
      await closed.close();
    }
  });
});
