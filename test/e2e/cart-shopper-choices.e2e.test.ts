// The shopper's delivery choices through the front door: an email and a shipping address are
// checked, normalised and kept, a refusal leaves the cart as it was, and selecting shipping is
// refused with SHIPPING_UNAVAILABLE while no shipping context answers the carts (the stack runs none:
// their SHIPPING_URL is a closed port). What shipping accepts and refuses, and an address change
// that drops a selection, are the cart's own tests (subgraphs/cart/test/shipping-selection.test.ts).
// Each test has its own shopper and product.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";

const ADDRESS_FIELDS = "fullName line1 line2 city provinceCode postalCode countryCode phone";
const CART_FIELDS = `id updatedAt totalQuantity lines { quantity product { id } } email shippingAddress { ${ADDRESS_FIELDS} }`;
const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message } warnings { code field message }`;
const CART = `{ cart { ${CART_FIELDS} } }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const SET_EMAIL = `mutation($email: String!) { setCartEmail(email: $email) { ${PAYLOAD} } }`;
const SET_ADDRESS = `mutation($address: AddressInput!) { setShippingAddress(address: $address) { ${PAYLOAD} } }`;
const SELECT = `mutation($o: ID!, $d: Date, $a: [ID!]) { selectShipping(optionId: $o, deliveryDate: $d, addOnIds: $a) { ${PAYLOAD} } }`;

/** Nothing listens on port 1: a shipping context the carts cannot reach. */
const UNREACHABLE_SHIPPING = "http://127.0.0.1:1/graphql";

interface Payload {
  cart: any;
  userErrors: { code: string; field: string[] | null; message: string }[];
  warnings: { code: string; field: string[] | null; message: string }[];
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { SHIPPING_URL: UNREACHABLE_SHIPPING } });
});
afterAll(() => stack?.close());

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

/** A signed-in shopper whose cart holds one unit of a product of its own. */
async function shopper() {
  const token = await userToken({ sub: `user-${randomUUID()}` });
  const [product] = await createProducts(stack.catalog.db, 1, { priceMinor: 1999 });
  const { cart } = await run(token, ADD, { p: product, q: 1 });
  return { token, product, cartId: cart.id as string };
}

/** The events the cart wrote for a cart, in order. */
const eventsOf = async (cartId: string) =>
  (await stack.cart.db.outboxEvent.findMany({ where: { aggregateId: cartId }, orderBy: { position: "asc" }, select: { type: true, data: true } })).map(({ type, data }) => ({ type, data }));

describe("setCartEmail", () => {
  it("keeps the email trimmed, its domain lower-cased; the same email again changes nothing", async () => {
    const { token, cartId } = await shopper();
    const set = await run(token, SET_EMAIL, { email: "  Ada.Lovelace+Orders@Example.COM " });
    expect(set.userErrors).toEqual([]);
    expect(set.warnings).toEqual([]);
    expect(set.cart.email).toBe("Ada.Lovelace+Orders@example.com");
    expect(await cartOf(token)).toEqual(set.cart);
    expect((await eventsOf(cartId)).at(-1)).toEqual({ type: "CartEmailProvided", data: { email: "Ada.Lovelace+Orders@example.com" } });

    const events = await eventsOf(cartId);
    const again = await run(token, SET_EMAIL, { email: "Ada.Lovelace+Orders@EXAMPLE.com" });
    expect(again.userErrors).toEqual([]);
    expect(again.cart).toEqual(set.cart);
    expect(await eventsOf(cartId)).toEqual(events);

    const replaced = await run(token, SET_EMAIL, { email: "ada@example.org" });
    expect(replaced.cart.email).toBe("ada@example.org");
  });

  it("works for a guest, whose checkout will need it", async () => {
    const guest = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token as string;
    const set = await run(guest, SET_EMAIL, { email: "guest@Example.com" });
    expect(set.userErrors).toEqual([]);
    expect(set.cart.email).toBe("guest@example.com");
  });

  it.each([
    ["blank", "   "],
    ["without an @", "ada.example.com"],
    ["without a domain", "ada@"],
    ["with a domain without a dot", "ada@localhost"],
    ["with a space", "ada lovelace@example.com"],
    ["with two dots in a row", "ada..lovelace@example.com"],
    ["of 255 characters", `${"a".repeat(64)}@${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.comx`],
  ])("refuses an email %s with EMAIL_INVALID, and the cart stays as it was", async (_case, email) => {
    const { token, cartId } = await shopper();
    await run(token, SET_EMAIL, { email: "ada@example.com" });
    const before = await cartOf(token);
    const events = await eventsOf(cartId);

    const refused = await run(token, SET_EMAIL, { email });
    expect(refused.userErrors).toEqual([{ code: "EMAIL_INVALID", field: ["email"], message: expect.any(String) }]);
    expect(refused.cart).toEqual(before);
    expect(await cartOf(token)).toEqual(before);
    expect(await eventsOf(cartId)).toEqual(events);
  });
});

describe("setShippingAddress", () => {
  it.each([
    [
      "the US",
      { fullName: " Ada Lovelace ", line1: "1 Infinite Loop", line2: "Building 4", city: "Cupertino", provinceCode: "ca", postalCode: "95014-2083", countryCode: "us", phone: "+1 (408) 996-1010" },
      { fullName: "Ada Lovelace", line1: "1 Infinite Loop", line2: "Building 4", city: "Cupertino", provinceCode: "CA", postalCode: "95014-2083", countryCode: "US", phone: "+1 (408) 996-1010" },
    ],
    [
      "Poland",
      { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" },
      { fullName: "Maria Skłodowska", line1: "ul. Freta 16", line2: null, city: "Warszawa", provinceCode: null, postalCode: "00-227", countryCode: "PL", phone: null },
    ],
    [
      "Germany",
      { fullName: "Karl Benz", line1: "Mercedesstraße 100", line2: "  ", city: "Stuttgart", provinceCode: "DE-BW", postalCode: " 70372 ", countryCode: "De" },
      { fullName: "Karl Benz", line1: "Mercedesstraße 100", line2: null, city: "Stuttgart", provinceCode: "BW", postalCode: "70372", countryCode: "DE", phone: null },
    ],
  ])("keeps an address in %s, normalised, and publishes its place", async (_country, address, kept) => {
    const { token, cartId } = await shopper();
    const set = await run(token, SET_ADDRESS, { address });
    expect(set.userErrors).toEqual([]);
    expect(set.warnings).toEqual([]);
    expect(set.cart.shippingAddress).toEqual(kept);
    expect(await cartOf(token)).toEqual(set.cart);
    expect((await eventsOf(cartId)).at(-1)).toEqual({
      type: "ShippingAddressProvided",
      data: { countryCode: kept.countryCode, provinceCode: kept.provinceCode, postalCode: kept.postalCode, shippingSelectionDropped: false },
    });
  });

  const good = { fullName: "Ada Lovelace", line1: "1 Infinite Loop", city: "Cupertino", provinceCode: "CA", postalCode: "95014", countryCode: "US" };

  it.each([
    ["a missing full name", { ...good, fullName: "  " }, "fullName"],
    ["a missing street", { ...good, line1: "" }, "line1"],
    ["a missing city", { ...good, city: "" }, "city"],
    ["a missing postal code", { ...good, postalCode: " " }, "postalCode"],
    ["an unknown country", { ...good, countryCode: "XX" }, "countryCode"],
    ["a US postal code of four digits", { ...good, postalCode: "9501" }, "postalCode"],
    ["a Polish postal code without its hyphen", { ...good, countryCode: "PL", provinceCode: null, postalCode: "00227" }, "postalCode"],
    ["a German postal code of six digits", { ...good, countryCode: "DE", provinceCode: null, postalCode: "703721" }, "postalCode"],
    ["a US address without a state", { ...good, provinceCode: null }, "provinceCode"],
    ["a US address with an unknown state", { ...good, provinceCode: "XY" }, "provinceCode"],
    ["a street over 100 characters", { ...good, line1: "1".repeat(101) }, "line1"],
  ])("refuses %s with SHIPPING_ADDRESS_INVALID on that field, and the cart stays as it was", async (_case, address, field) => {
    const { token, cartId } = await shopper();
    await run(token, SET_ADDRESS, { address: { fullName: "Karl Benz", line1: "Mercedesstraße 100", city: "Stuttgart", postalCode: "70372", countryCode: "DE" } });
    const before = await cartOf(token);
    const events = await eventsOf(cartId);

    const refused = await run(token, SET_ADDRESS, { address });
    expect(refused.userErrors).toEqual([{ code: "SHIPPING_ADDRESS_INVALID", field: ["address", field], message: expect.any(String) }]);
    expect(refused.warnings).toEqual([]);
    expect(refused.cart).toEqual(before);
    expect(await cartOf(token)).toEqual(before);
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it("setting the same address again changes nothing", async () => {
    const { token, cartId } = await shopper();
    const set = await run(token, SET_ADDRESS, { address: good });
    const events = await eventsOf(cartId);
    const again = await run(token, SET_ADDRESS, { address: { ...good, provinceCode: "us-ca", fullName: "Ada Lovelace " } });
    expect(again.userErrors).toEqual([]);
    expect(again.cart).toEqual(set.cart);
    expect(await eventsOf(cartId)).toEqual(events);
  });
});

describe("selectShipping", () => {
  it("is SHIPPING_UNAVAILABLE while shipping cannot be reached, and the cart stays as it was", async () => {
    const { token, cartId } = await shopper();
    await run(token, SET_ADDRESS, { address: { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" } });
    const before = await cartOf(token);
    const events = await eventsOf(cartId);

    const refused = await run(token, SELECT, { o: "pl-standard", d: "2026-12-22", a: ["carry-in"] });
    expect(refused.userErrors).toEqual([{ code: "SHIPPING_UNAVAILABLE", field: null, message: expect.stringContaining("retry") }]);
    expect(refused.cart).toEqual(before);
    const withoutDate = await stack.query(`mutation { selectShipping(optionId: "pl-standard", deliveryDate: null) { userErrors { code } } }`, {}, token);
    expect(withoutDate.data.selectShipping.userErrors).toEqual([{ code: "SHIPPING_UNAVAILABLE" }]);
    expect(await cartOf(token)).toEqual(before);
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it("is CART_EMPTY for a cart without lines", async () => {
    const token = await userToken({ sub: `user-${randomUUID()}` });
    const refused = await run(token, SELECT, { o: "us-standard" });
    expect(refused.userErrors).toEqual([{ code: "CART_EMPTY", field: null, message: expect.any(String) }]);
    expect(refused.cart).toMatchObject({ lines: [], totalQuantity: 0 });
  });

  it("refuses a delivery date that is not a calendar day at the gateway, as BAD_USER_INPUT on the argument, without echoing it", async () => {
    const { token, cartId } = await shopper();
    const events = await eventsOf(cartId);
    for (const [query, variables] of [
      [SELECT, { o: "us-standard", d: "2026-02-30" }],
      [SELECT, { o: "us-standard", d: "x".repeat(100_000) }],
      [SELECT, { o: "us-standard", d: 20261224 }],
      [`mutation { selectShipping(optionId: "us-standard", deliveryDate: "24.12.2026") { userErrors { code } } }`, {}],
      [`mutation { selectShipping(optionId: "us-standard", deliveryDate: 20261224) { userErrors { code } } }`, {}],
    ] as const) {
      const result = await stack.query(query, variables, token);
      expect(result.errors).toEqual([expect.objectContaining({ message: "Argument `deliveryDate` must be a calendar day written YYYY-MM-DD.", extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "deliveryDate" }) })]);
      expect(JSON.stringify(result).length).toBeLessThan(2_000);
    }
    // The cart subgraph reached directly refuses it the same way.
    const direct = await graphql(stack.cart.url, SELECT, { variables: { o: "us-standard", d: "2026-13-01" } });
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "deliveryDate" });
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it("takes at most 10 add-ons", async () => {
    const { token } = await shopper();
    const refused = await run(token, SELECT, { o: "us-standard", a: Array.from({ length: 11 }, (_, i) => `add-on-${i}`) });
    expect(refused.userErrors).toEqual([{ code: "INVALID_ARGUMENT", field: ["addOnIds"], message: expect.any(String) }]);
  });
});

describe("the internal selection", () => {
  it("is not part of the public API", async () => {
    const { token } = await shopper();
    const result = await stack.query(`{ cart { shippingSelection { optionId } } }`, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
