// The cart's shipping selection against a shipping context speaking judgeShippingSelection over
// HTTP (a local server, fake-shipping-server.ts) and a catalog answering its products
// (fake-catalog-server.ts): what the cart sends, what it stores and publishes when shipping accepts,
// that a refusal or an outage changes nothing, and what an address change does to the selection.
// Each test has its own shopper and products.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity, type Caller } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { startCart, type CartApp } from "../src/app.js";
import { readCartConfig } from "../src/config.js";
import { startFakeCatalog } from "./fake-catalog-server.js";
import { priced, refused, startFakeShipping, type FakeShipping } from "./fake-shipping-server.js";

const CART_FIELDS = `id version lines { productId quantity } email
  shippingAddress { fullName line1 line2 city provinceCode postalCode countryCode phone }
  shippingSelection { optionId deliveryDate addOnIds }`;
const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message } warnings { code field message }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { ${PAYLOAD} } }`;
const SELECT = `mutation($o: ID!, $d: Date, $a: [ID!]) { selectShipping(optionId: $o, deliveryDate: $d, addOnIds: $a) { ${PAYLOAD} } }`;
const SET_ADDRESS = `mutation($a: AddressInput!) { setShippingAddress(address: $a) { ${PAYLOAD} } }`;
const CART = `{ cart { ${CART_FIELDS} } }`;
const SELECTION_OF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id shippingSelection { optionId deliveryDate addOnIds } } } }`;

const US = { fullName: "Ada Lovelace", line1: "1 Infinite Loop", city: "Cupertino", provinceCode: "CA", postalCode: "95014", countryCode: "US" };
const NEW_YORK = { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US" };

let catalog: Awaited<ReturnType<typeof startFakeCatalog>>;
let shipping: FakeShipping;
let app: CartApp;
let secret: string;

beforeAll(async () => {
  const base = readCartConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });
  secret = base.INTERNAL_SECRET;
  catalog = await startFakeCatalog();
  shipping = await startFakeShipping(secret);
  const config = readCartConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error", CATALOG_URL: catalog.url, SHIPPING_URL: shipping.url, SHIPPING_TIMEOUT: "300ms" });
  app = await startCart(config, { background: false });
});
afterEach(() => shipping.reset());
afterAll(async () => {
  await app?.close();
  await shipping?.close();
  await catalog?.close();
});

interface Payload {
  cart: any;
  userErrors: { code: string; field: string[] | null; message: string }[];
  warnings: { code: string; field: string[] | null; message: string }[];
}

/** A signed-in shopper with `quantity` units of a product of its own at 19.99 in the cart. */
async function shopper(quantity = 2) {
  const caller: Caller = { kind: "user", subject: `user-${randomUUID()}`, roles: ["customer"] };
  const headers = { [IDENTITY_HEADER]: signIdentity(caller, secret) };
  const product = catalog.add({ id: `p-${randomUUID()}`, price: "19.99" });
  const run = async (mutation: string, variables: Record<string, unknown> = {}): Promise<Payload> => {
    const result = await graphql(app.url, mutation, { headers, variables });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0] as Payload;
  };
  const read = async () => {
    const result = await graphql(app.url, CART, { headers });
    expect(result.errors).toBeUndefined();
    return result.data.cart;
  };
  const { cart } = quantity > 0 ? await run(ADD, { p: product, q: quantity }) : { cart: await read() };
  return { userId: caller.subject, product, cartId: cart.id as string, run, read };
}

/** What the cart wrote for a cart: its events, in order. */
const eventsOf = async (cartId: string) =>
  (await app.db.outboxEvent.findMany({ where: { aggregateId: cartId }, orderBy: { position: "asc" }, select: { type: true, data: true } })).map(({ type, data }) => ({ type, data }));

describe("selecting shipping", () => {
  it("sends shipping the cart's lines, no address before one, and the choice; stores what it accepts, with its events", async () => {
    const { product, cartId, run, read } = await shopper(2);
    const before = await read();

    const selected = await run(SELECT, { o: "us-standard", d: "2026-12-22", a: ["sunday", "carry-in", "sunday"] });
    expect(selected.userErrors).toEqual([]);
    expect(selected.warnings).toEqual([]);
    expect(selected.cart.shippingSelection).toEqual({ optionId: "us-standard", deliveryDate: "2026-12-22", addOnIds: ["carry-in", "sunday"] });
    expect(selected.cart.version).toBe(before.version + 1);

    expect(shipping.requests).toHaveLength(1);
    const [request] = shipping.requests;
    expect(request!.query).toMatch(/judgeShippingSelection\(cart: \$cart, selection: \$selection\)/);
    expect(request!.identity).toEqual(serviceIdentity("cart"));
    expect(request!.variables).toEqual({
      // 19.99 is 1999 minor units; the catalog publishes no weights yet, so a line weighs 0 g.
      cart: { lines: [{ productId: product, quantity: 2, weightGrams: 0, unitPriceMinor: "1999" }], address: null, currencyCode: "USD" },
      selection: { optionId: "us-standard", deliveryDate: "2026-12-22", addOnIds: ["carry-in", "sunday"] },
    });

    expect(await read()).toEqual(selected.cart);
    const headers = { [IDENTITY_HEADER]: signIdentity(serviceIdentity("shipping"), secret) };
    const reference = await graphql(app.url, SELECTION_OF, { headers, variables: { r: [{ __typename: "Cart", id: cartId }] } });
    expect(reference.data._entities).toEqual([{ id: cartId, shippingSelection: selected.cart.shippingSelection }]);
    expect((await eventsOf(cartId)).slice(1)).toEqual([
      { type: "ShippingMethodSelected", data: { optionId: "us-standard", addOnIds: ["carry-in", "sunday"] } },
      { type: "DeliveryDateSelected", data: { optionId: "us-standard", date: "2026-12-22" } },
    ]);
  });

  it("replaces the whole selection, writes no date event without a date, and selecting what the cart holds changes nothing", async () => {
    const { cartId, run } = await shopper(1);
    await run(SELECT, { o: "us-standard", d: "2026-12-22", a: ["sunday"] });

    const replaced = await run(SELECT, { o: "us-express" });
    expect(replaced.cart.shippingSelection).toEqual({ optionId: "us-express", deliveryDate: null, addOnIds: [] });
    const events = await eventsOf(cartId);
    expect(events.at(-1)).toEqual({ type: "ShippingMethodSelected", data: { optionId: "us-express", addOnIds: [] } });

    const asked = shipping.requests.length;
    const again = await run(SELECT, { o: " us-express", a: [] });
    expect(again.userErrors).toEqual([]);
    expect(again.cart).toEqual(replaced.cart);
    expect(shipping.requests).toHaveLength(asked);
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it.each([
    ["SHIPPING_OPTION_UNAVAILABLE", "optionId", "Express does not deliver to this address."],
    ["DELIVERY_DATE_UNAVAILABLE", "deliveryDate", "That day can no longer be booked."],
    ["SHIPPING_ADD_ON_UNAVAILABLE", "addOnIds", "Carry-in is for large goods."],
  ] as const)("a refusal (%s) comes back on %s in shipping's words, and changes nothing", async (code, field, message) => {
    const { cartId, run, read } = await shopper(1);
    await run(SELECT, { o: "us-standard" });
    const before = await read();
    const events = await eventsOf(cartId);
    shipping.answer(() => ({ judgement: refused(code, message) }));

    const refusal = await run(SELECT, { o: "us-express", d: "2026-12-23", a: ["carry-in"] });
    expect(refusal.userErrors).toEqual([{ code, field: [field], message }]);
    expect(refusal.cart).toEqual(before);
    expect(await read()).toEqual(before);
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it.each([
    ["an error response", { status: 500 }],
    ["GraphQL errors", { body: { errors: [{ message: "Cannot query field judgeShippingSelection" }] } }],
    ["an answer that is not a judgement", { body: { data: { judgeShippingSelection: { refusal: { code: "TOO_HEAVY", message: "Too heavy.", field: null }, selected: null } } } }],
    ["both a refusal and a price", { body: { data: { judgeShippingSelection: { ...priced({ optionId: "x", deliveryDate: null, addOnIds: [] }), refusal: refused("SHIPPING_OPTION_UNAVAILABLE", "No.").refusal } } } }],
    ["no answer within SHIPPING_TIMEOUT", "hang"],
  ] as const)("shipping giving %s is SHIPPING_UNAVAILABLE, and nothing changes", async (_case, reply) => {
    const { cartId, run, read } = await shopper(1);
    const before = await read();
    const events = await eventsOf(cartId);
    shipping.answer(() => reply);

    const refusal = await run(SELECT, { o: "us-standard" });
    expect(refusal.userErrors).toEqual([{ code: "SHIPPING_UNAVAILABLE", field: null, message: expect.stringContaining("retry") }]);
    expect(refusal.cart).toEqual(before);
    expect(await eventsOf(cartId)).toEqual(events);
  });

  it("is CART_EMPTY for a cart without lines, without asking shipping", async () => {
    const { product, run } = await shopper(1);
    await run(REMOVE, { p: product });
    const asked = shipping.requests.length;
    expect((await run(SELECT, { o: "us-standard" })).userErrors.map((error) => error.code)).toEqual(["CART_EMPTY"]);
    const newcomer = await shopper(0);
    expect((await newcomer.run(SELECT, { o: "us-standard" })).userErrors.map((error) => error.code)).toEqual(["CART_EMPTY"]);
    expect(shipping.requests).toHaveLength(asked);
  });

  it("a selection judged for a cart that changes before it is written is judged again for the cart as it is", async () => {
    const { product, run } = await shopper(2);
    const from = shipping.requests.length;
    const release = shipping.hold();
    const arrived = shipping.nextRequest();
    const selecting = run(SELECT, { o: "us-standard" });
    await arrived;
    // While shipping judges the cart of 2, the shopper adds one more; nothing is locked meanwhile.
    expect((await run(ADD, { p: product, q: 1 })).cart.lines).toEqual([{ productId: product, quantity: 3 }]);
    release();

    const selected = await selecting;
    expect(selected.userErrors).toEqual([]);
    expect(selected.cart.shippingSelection).toEqual({ optionId: "us-standard", deliveryDate: null, addOnIds: [] });
    expect(shipping.requests.slice(from).map((request) => request.variables.cart.lines[0]!.quantity)).toEqual([2, 3]);
  });
});

describe("a new address and the selection", () => {
  it("keeps a selection shipping still accepts for the new place, having sent it that place", async () => {
    const { cartId, run } = await shopper(1);
    await run(SET_ADDRESS, { a: US });
    await run(SELECT, { o: "us-standard", d: "2026-12-22" });

    const moved = await run(SET_ADDRESS, { a: NEW_YORK });
    expect(moved.userErrors).toEqual([]);
    expect(moved.warnings).toEqual([]);
    expect(moved.cart.shippingAddress).toEqual({ ...NEW_YORK, line2: null, phone: null });
    expect(moved.cart.shippingSelection).toEqual({ optionId: "us-standard", deliveryDate: "2026-12-22", addOnIds: [] });
    expect(shipping.requests.at(-1)!.variables).toMatchObject({
      cart: { address: { countryCode: "US", provinceCode: "NY", postalCode: "10118" } },
      selection: { optionId: "us-standard", deliveryDate: "2026-12-22", addOnIds: [] },
    });
    expect((await eventsOf(cartId)).at(-1)).toEqual({
      type: "ShippingAddressProvided",
      data: { countryCode: "US", provinceCode: "NY", postalCode: "10118", shippingSelectionDropped: false },
    });
  });

  it("drops a selection shipping refuses for the new place, in the same change, with a warning", async () => {
    const { cartId, run } = await shopper(1);
    await run(SET_ADDRESS, { a: US });
    const selected = await run(SELECT, { o: "us-standard", a: ["sunday"] });
    shipping.answer(() => ({ judgement: refused("SHIPPING_OPTION_UNAVAILABLE", "Standard does not deliver to Poland.") }));

    const moved = await run(SET_ADDRESS, { a: { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "pl" } });
    expect(moved.userErrors).toEqual([]);
    expect(moved.warnings).toEqual([{ code: "SHIPPING_SELECTION_DROPPED", field: ["address"], message: expect.stringContaining("Choose a shipping option again") }]);
    expect(moved.cart.shippingAddress).toMatchObject({ countryCode: "PL", postalCode: "00-227", provinceCode: null });
    expect(moved.cart.shippingSelection).toBeNull();
    expect(moved.cart.version).toBe(selected.cart.version + 1);
    expect((await eventsOf(cartId)).at(-1)).toEqual({
      type: "ShippingAddressProvided",
      data: { countryCode: "PL", provinceCode: null, postalCode: "00-227", shippingSelectionDropped: true },
    });
  });

  it("a verdict asked for a cart that changes before the address is written is asked again for the cart as it is", async () => {
    const { product, run } = await shopper(1);
    await run(SELECT, { o: "us-standard" });
    const from = shipping.requests.length;
    const release = shipping.hold();
    const arrived = shipping.nextRequest();
    const moving = run(SET_ADDRESS, { a: NEW_YORK });
    await arrived;
    await run(ADD, { p: product, q: 4 });
    // The first verdict (for 1 unit) would keep the selection; the one for 5 units refuses it.
    shipping.answer((request) =>
      request.variables.cart.lines[0]!.quantity === 5 ? { judgement: refused("SHIPPING_OPTION_UNAVAILABLE", "Too heavy for standard.") } : { judgement: priced(request.variables.selection) },
    );
    release();

    const moved = await moving;
    expect(moved.warnings.map((warning) => warning.code)).toEqual(["SHIPPING_SELECTION_DROPPED"]);
    expect(moved.cart.shippingSelection).toBeNull();
    expect(shipping.requests.slice(from).map((request) => request.variables.cart.lines[0]!.quantity)).toEqual([1, 5]);
  });

  it("keeps the selection when shipping cannot be reached, and sets the address", async () => {
    const { run } = await shopper(1);
    await run(SELECT, { o: "us-standard" });
    shipping.answer(() => ({ status: 503 }));

    const moved = await run(SET_ADDRESS, { a: NEW_YORK });
    expect(moved.userErrors).toEqual([]);
    expect(moved.warnings).toEqual([]);
    expect(moved.cart.shippingAddress).toMatchObject({ postalCode: "10118" });
    expect(moved.cart.shippingSelection).toEqual({ optionId: "us-standard", deliveryDate: null, addOnIds: [] });
  });

  it("asks shipping nothing for a new name, street or phone in the same place, and nothing at all for the same address", async () => {
    const { cartId, run } = await shopper(1);
    await run(SET_ADDRESS, { a: US });
    await run(SELECT, { o: "us-standard" });
    const asked = shipping.requests.length;

    const renamed = await run(SET_ADDRESS, { a: { ...US, fullName: "Augusta Ada King", line1: "2 Infinite Loop", phone: "+1 408 996 1010" } });
    expect(renamed.cart.shippingAddress).toMatchObject({ fullName: "Augusta Ada King", phone: "+1 408 996 1010" });
    expect(renamed.cart.shippingSelection).toMatchObject({ optionId: "us-standard" });
    const events = await eventsOf(cartId);

    const again = await run(SET_ADDRESS, { a: { ...US, fullName: " Augusta Ada King ", line1: "2 Infinite Loop", phone: "+1 408 996 1010", provinceCode: "ca" } });
    expect(again.userErrors).toEqual([]);
    expect(again.cart).toEqual(renamed.cart);
    expect(await eventsOf(cartId)).toEqual(events);
    expect(shipping.requests).toHaveLength(asked);
  });
});
