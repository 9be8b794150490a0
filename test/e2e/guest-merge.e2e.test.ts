// Guests shop with their own cart and bring it along when they sign in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { productIds, seedSku } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const PAYLOAD = `cart { id status totalQuantity lines { quantity product { id } } } userErrors { code field message } warnings { code field message }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const MERGE = `mutation($t: String!) { mergeGuestCart(guestToken: $t) { ${PAYLOAD} } }`;
const CART = `{ cart { id status totalQuantity lines { quantity product { id } } } }`;

let stack: Stack;
let dripper: string, lowStock: string;

beforeAll(async () => {
  stack = await startStack();
  [dripper, lowStock] = await productIds(stack, [seedSku.dripper, seedSku.lowStock]);
});
afterAll(() => stack?.close());

async function guest() {
  const result = await stack.query(`mutation { startGuestSession { token } }`);
  return result.data.startGuestSession.token as string;
}

async function run(mutation: string, variables: Record<string, unknown>, token?: string) {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as { cart: any; userErrors: { code: string; message: string }[]; warnings: { code: string; message: string }[] };
}

describe("mergeGuestCart", () => {
  it("moves the guest's lines into the user's cart, adding up quantities, and retires the guest cart", async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const [g, user] = [await guest(), await userToken({ sub: userId })];
    await run(ADD, { p: dripper, q: 2 }, g);
    await run(ADD, { p: lowStock, q: 1 }, g);
    await run(ADD, { p: dripper, q: 1 }, user);

    const merged = await run(MERGE, { t: g }, user);
    expect(merged.userErrors).toEqual([]);
    expect(merged.warnings).toEqual([]);
    expect(merged.cart.lines).toEqual([
      { quantity: 3, product: { id: dripper } },
      { quantity: 1, product: { id: lowStock } },
    ]);

    const history = await stack.query(
      `query($o: String!) { customerCart(ownerId: $o) { cartEvents(first: 1) { type data } } }`,
      { o: userId },
      await userToken({ roles: ["admin"] }),
    );
    expect(history.data.customerCart.cartEvents).toEqual([
      { type: "CartMerged", data: expect.objectContaining({ lines: [{ productId: dripper, quantity: 2 }, { productId: lowStock, quantity: 1 }], warnings: [] }) },
    ]);

    const guestCart = (await stack.query(CART, {}, g)).data.cart;
    expect(guestCart.status).toBe("MERGED");
    const refused = await run(ADD, { p: dripper, q: 1 }, g);
    expect(refused.userErrors.map((e) => e.code)).toEqual(["CART_NOT_ACTIVE"]);
    expect(refused.cart).toMatchObject({ id: guestCart.id, status: "MERGED", totalQuantity: 3 });
  });

  it("caps what stock cannot cover and says so", async () => {
    const [g, user] = [await guest(), await userToken()];
    await run(ADD, { p: lowStock, q: 3 }, g);
    await run(ADD, { p: lowStock, q: 3 }, user);
    const merged = await run(MERGE, { t: g }, user);
    const stock = (await stack.query(`query($id: ID!) { product(id: $id) { availableQuantity } }`, { id: lowStock })).data.product.availableQuantity;
    expect(merged.cart.lines).toEqual([{ quantity: Math.min(6, stock), product: { id: lowStock } }]);
    // The merge happened: what was capped is a warning, not a refusal.
    expect(merged.userErrors).toEqual([]);
    if (stock < 6) expect(merged.warnings.map((e) => e.code)).toEqual(["MERGE_QUANTITY_CAPPED"]);
  });

  it("refuses a second merge, a foreign or unknown token, and a caller who is not signed in, changing nothing", async () => {
    const [g, user] = [await guest(), await userToken()];
    await run(ADD, { p: dripper, q: 1 }, g);
    await run(MERGE, { t: g }, user);
    const before = (await stack.query(CART, {}, user)).data.cart;

    const twice = await run(MERGE, { t: g }, user);
    expect(twice.userErrors.map((e) => e.code)).toEqual(["CART_ALREADY_MERGED"]);
    for (const token of [await userToken(), "not-a-token"]) {
      const foreign = await run(MERGE, { t: token }, user);
      expect(foreign.userErrors.map((e) => e.code)).toEqual(["GUEST_TOKEN_INVALID"]);
    }
    expect((await stack.query(CART, {}, user)).data.cart).toEqual(before);

    const other = await guest();
    const asGuest = await stack.query(MERGE, { t: other }, await guest());
    expect(asGuest.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const anonymous = await stack.query(MERGE, { t: other });
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
