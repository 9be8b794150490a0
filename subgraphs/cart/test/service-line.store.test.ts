// The service lines a cart holds, against the worker's real database: the unique indexes keep one
// of each service per line, and one of each standalone service per cart, whoever writes, also two
// writers at once (the second waits for the first's uncommitted row, then adds nothing).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectCartDb } from "../src/db.js";
import { ServiceLineStore } from "../src/service-lines/service-line.store.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";

const db = connectCartDb(process.env.DATABASE_URL!);
const racer = connectCartDb(process.env.DATABASE_URL!);
const store = new ServiceLineStore(db);
const racingStore = new ServiceLineStore(racer);
afterAll(async () => {
  await db.$disconnect();
  await racer.$disconnect();
});

/** A cart of its own with two lines. */
async function cartWithLines() {
  const cart = await db.cart.create({ data: { ownerId: `user-${randomUUID()}` }, select: { id: true } });
  const lines = await Promise.all(
    ["washer", "dryer"].map((productId) => db.cartLine.create({ data: { cartId: cart.id, productId: `${productId}-${randomUUID()}`, quantity: 2 }, select: { id: true } })),
  );
  return { cartId: cart.id, lines: lines.map((line) => line.id) };
}

// Each add a millisecond after the one before, so the order they are read in is certain.
let at = Date.now();
const add = (cartId: string, serviceId: string, lineId: string | null) => db.$transaction((tx) => store.add(tx, cartId, serviceId, lineId, new Date(++at)));

describe("service lines", () => {
  it("hold a service once per line and a standalone service once per cart, and the same service on two lines", async () => {
    const { cartId, lines } = await cartWithLines();
    expect(await add(cartId, "installation", lines[0])).toMatchObject({ cartId, serviceId: "installation", lineId: lines[0] });
    expect(await add(cartId, "installation", lines[0])).toBeNull();
    expect(await add(cartId, "installation", lines[1])).toMatchObject({ lineId: lines[1] });
    expect(await add(cartId, "haul-away", lines[0])).toMatchObject({ lineId: lines[0] });
    expect(await add(cartId, "gift-wrap", null)).toMatchObject({ lineId: null });
    expect(await add(cartId, "gift-wrap", null)).toBeNull();
    const other = await cartWithLines();
    expect(await add(other.cartId, "gift-wrap", null)).toMatchObject({ cartId: other.cartId });

    const read = await store.serviceLinesOfCarts([cartId]);
    expect(read.map((row) => [row.serviceId, row.lineId, row.lineQuantity])).toEqual([
      ["installation", lines[0], 2],
      ["installation", lines[1], 2],
      ["haul-away", lines[0], 2],
      ["gift-wrap", null, null],
    ]);
  });

  it.each([
    ["on one line", 0],
    ["standalone", null],
  ] as const)("%s: a second writer racing the first's uncommitted row adds nothing", async (_case, line) => {
    const { cartId, lines } = await cartWithLines();
    const lineId = line === null ? null : lines[line];
    const second = await whileHolding(
      db,
      (tx) => store.add(tx, cartId, "installation", lineId, new Date()),
      1,
      () => racer.$transaction((tx) => racingStore.add(tx, cartId, "installation", lineId, new Date())),
    );
    expect(second).toBeNull();
    expect((await store.serviceLinesOf(cartId)).map((row) => [row.serviceId, row.lineId])).toEqual([["installation", lineId]]);
  });

  it("go with their line, and are removed by id only from their own cart", async () => {
    const { cartId, lines } = await cartWithLines();
    const onLine = (await add(cartId, "installation", lines[0]))!;
    const standalone = (await add(cartId, "gift-wrap", null))!;
    const other = await cartWithLines();
    expect(await db.$transaction((tx) => store.remove(tx, other.cartId, standalone.id))).toBeNull();
    expect(await db.$transaction((tx) => store.removeOfLines(tx, cartId, [lines[0]]))).toEqual([onLine]);
    expect(await db.$transaction((tx) => store.remove(tx, cartId, standalone.id))).toEqual(standalone);
    expect(await store.serviceLinesOf(cartId)).toEqual([]);

    // A line deleted any other way still takes its services along (the foreign key's cascade).
    await add(cartId, "installation", lines[1]);
    await db.cartLine.delete({ where: { id: lines[1] } });
    expect(await store.serviceLinesOf(cartId)).toEqual([]);
  });
});
