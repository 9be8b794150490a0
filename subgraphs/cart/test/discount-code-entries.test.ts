// The codes a cart holds, as pricing reads them (Cart.discountCodeEntries through a reference):
// as entered, in entry order, once per cart whatever the case, and for any number of carts in one
// SQL query per request.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { recordingCartDb } from "../../../test/support/recording-db.js";
import { startCart, type CartApp } from "../src/app.js";
import { readCartConfig } from "../src/config.js";
import { DiscountCodeStore } from "../src/discount-codes/discount-code.store.js";

const ENTRIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cart { id discountCodeEntries } } }`;

const { db, queries } = recordingCartDb();
const config = readCartConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });
const codes = new DiscountCodeStore(db);
let app: CartApp;

beforeAll(async () => {
  app = await startCart(config, { db, background: false });
});
afterAll(() => app?.close());

async function cartHolding(...entered: string[]): Promise<string> {
  const { id } = await db.cart.create({ data: { ownerId: `user-${randomUUID()}` }, select: { id: true } });
  await db.$transaction(async (tx) => {
    for (const code of entered) await codes.add(tx, id, code, new Date());
  });
  return id;
}

describe("the codes a cart holds", () => {
  it("are kept as entered, in entry order, and a code held in another case is not added again", async () => {
    const id = await cartHolding("Summer10", "FREESHIP");
    const added = await db.$transaction((tx) => codes.add(tx, id, "summer10", new Date()));
    expect(added).toBe(false);
    expect((await codes.codesOf(id)).map(({ code, position }) => [code, position])).toEqual([["Summer10", 1], ["FREESHIP", 2]]);
    expect(await codes.heldCode(id, "SUMMER10")).toMatchObject({ code: "Summer10" });
  });

  it("are removed in any case, and answer the code as it was held", async () => {
    const id = await cartHolding("Summer10", "FREESHIP");
    expect(await db.$transaction((tx) => codes.remove(tx, id, "summer10"))).toBe("Summer10");
    expect(await db.$transaction((tx) => codes.remove(tx, id, "summer10"))).toBeNull();
    await db.$transaction((tx) => codes.add(tx, id, "Books5", new Date()));
    expect((await codes.codesOf(id)).map((row) => row.code)).toEqual(["FREESHIP", "Books5"]);
  });

  it("reach pricing for several carts in one query, each cart's in entry order", async () => {
    const [a, b, none] = [await cartHolding("B-second", "A-first"), await cartHolding("ONLY"), await cartHolding()];
    const headers = { [IDENTITY_HEADER]: signIdentity(serviceIdentity("pricing"), config.INTERNAL_SECRET) };
    queries.length = 0;
    const result = await graphql(app.url, ENTRIES, { headers, variables: { representations: [a, b, none].map((id) => ({ __typename: "Cart", id })) } });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: a, discountCodeEntries: ["B-second", "A-first"] },
      { id: b, discountCodeEntries: ["ONLY"] },
      { id: none, discountCodeEntries: [] },
    ]);
    expect(queries.filter((query) => query.includes("cart_discount_code"))).toHaveLength(1);
  });
});
