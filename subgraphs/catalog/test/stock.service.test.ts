// Stock reservations against the worker's real database. Every test makes its own products (fresh
// SKUs) and reservation ids. Two database clients stand for two catalog processes racing each other;
// a third is the test's own session, which holds the row a race is about while the racers queue.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError, type UserErrorData } from "@trolley/errors";
import { systemClock } from "@trolley/http";
import { Outbox } from "@trolley/outbox";
import { connectCatalogDb, type CatalogDb } from "../src/db.js";
import { OrderEventsHandler } from "../src/stock/order-events.handler.js";
import { StockService } from "../src/stock/stock.service.js";
import { StockStore, type Tx } from "../src/stock/stock.store.js";
import { whileHolding as holding } from "../../../test/support/lock-waiter.js";

let db: CatalogDb;
let otherDb: CatalogDb;
let lockDb: CatalogDb;
/** The catalog process under test, and a second one sharing the database. */
let stock: StockService;
let otherStock: StockService;
let commitsSeen = 0;

beforeAll(() => {
  db = connectCatalogDb(process.env.DATABASE_URL!);
  otherDb = connectCatalogDb(process.env.DATABASE_URL!);
  lockDb = connectCatalogDb(process.env.DATABASE_URL!);
  const outbox = new Outbox({ schema: "catalog" });
  stock = new StockService(new StockStore(db), outbox, () => commitsSeen++, systemClock);
  otherStock = new StockService(new StockStore(otherDb), outbox, () => {}, systemClock);
});
afterAll(async () => {
  await db?.$disconnect();
  await otherDb?.$disconnect();
  await lockDb?.$disconnect();
});

async function newProduct(
  stockOnHand: number,
  fields: { name?: string; priceMinor?: number; status?: "ACTIVE" | "DISCONTINUED"; taxCategory?: "STANDARD" | "REDUCED" | "ZERO"; categoryId?: string; weightGrams?: number } = {},
) {
  const { name = "Test kettle", priceMinor = 1250, status = "ACTIVE", ...more } = fields;
  return db.product.create({ data: { sku: `TEST-${randomUUID()}`, name, priceMinor, status, stockOnHand, ...more }, select: { id: true } });
}

const stockOf = (id: string, via: CatalogDb = db) => via.product.findUniqueOrThrow({ where: { id }, select: { stockOnHand: true, stockReserved: true } });

const productRow = (id: string) => (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "catalog"."product" WHERE "id" = ${id} FOR UPDATE`;
const reservationRow = (id: string) => (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "catalog"."stock_reservation" WHERE "id" = ${id} FOR UPDATE`;

const whileHolding = <T>(lock: (tx: Tx) => Promise<unknown>, waiting: number, race: () => Promise<T>) => holding(lockDb, lock, waiting, race);

/** StockChanged events of a product, oldest first, as the outbox holds them. */
async function eventsOf(productId: string) {
  const rows = await db.outboxEvent.findMany({ where: { aggregateId: productId }, orderBy: { position: "asc" } });
  return rows.map((row) => ({ type: row.type, userId: row.userId, publishedAt: row.publishedAt, data: row.data as Record<string, unknown> }));
}

async function refusal(attempt: Promise<unknown>): Promise<UserErrorData[]> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error("expected a refusal");
}

const newId = () => `order-${randomUUID()}`;

describe("reserve", () => {
  it("holds every line, snapshots name and price, answers each product's tax category, category and weight, and writes a StockChanged per product", async () => {
    const kitchen = await db.category.create({ data: { slug: `kitchen-${randomUUID()}`, name: "Kitchen" } });
    const kettle = await newProduct(10, { name: "Kettle", priceMinor: 3999 });
    const mug = await newProduct(3, { name: "Mug", priceMinor: 850, taxCategory: "REDUCED", categoryId: kitchen.id, weightGrams: 350 });
    const id = newId();

    const reservation = await stock.reserve(id, [
      { productId: kettle.id, quantity: 2 },
      { productId: mug.id, quantity: 3 },
      { productId: kettle.id, quantity: 1 },
    ]);

    expect(reservation).toMatchObject({ id, status: "RESERVED" });
    expect(reservation.lines).toEqual(
      expect.arrayContaining([
        { productId: kettle.id, productName: "Kettle", unitPriceMinor: 3999, currencyCode: "USD", quantity: 3, taxCategory: "STANDARD", categoryId: null, weightGrams: 0 },
        { productId: mug.id, productName: "Mug", unitPriceMinor: 850, currencyCode: "USD", quantity: 3, taxCategory: "REDUCED", categoryId: kitchen.id, weightGrams: 350 },
      ]),
    );
    expect(reservation.lines).toHaveLength(2);
    expect(await stockOf(kettle.id)).toEqual({ stockOnHand: 10, stockReserved: 3 });
    expect(await stockOf(mug.id)).toEqual({ stockOnHand: 3, stockReserved: 3 });
    expect(await eventsOf(kettle.id)).toEqual([
      { type: "StockChanged", userId: null, publishedAt: null, data: { productId: kettle.id, availableQuantity: 7, reason: "RESERVED", reservationId: id } },
    ]);
    expect((await eventsOf(mug.id))[0].data).toEqual({ productId: mug.id, availableQuantity: 0, reason: "RESERVED", reservationId: id });
  });

  it("holds nothing when one line is short, and says which line and why", async () => {
    const plenty = await newProduct(50);
    const short = await newProduct(2);
    const id = newId();

    const errors = await refusal(
      stock.reserve(id, [
        { productId: plenty.id, quantity: 5 },
        { productId: short.id, quantity: 3 },
      ]),
    );

    expect(errors).toEqual([{ code: "OUT_OF_STOCK", message: "Only 2 left in stock.", field: ["lines", "1"] }]);
    expect(await stockOf(plenty.id)).toEqual({ stockOnHand: 50, stockReserved: 0 });
    expect(await stockOf(short.id)).toEqual({ stockOnHand: 2, stockReserved: 0 });
    expect(await db.stockReservation.findUnique({ where: { id } })).toBeNull();
    expect(await eventsOf(plenty.id)).toEqual([]);
    // Nothing was held, so the id is still free: a smaller retry succeeds.
    expect((await stock.reserve(id, [{ productId: short.id, quantity: 2 }])).status).toBe("RESERVED");
  });

  it("reports every refused line: unknown, discontinued and out of stock", async () => {
    const fine = await newProduct(5);
    const discontinued = await newProduct(5, { status: "DISCONTINUED" });
    const empty = await newProduct(0);
    const unknown = randomUUID();

    const errors = await refusal(
      stock.reserve(newId(), [
        { productId: empty.id, quantity: 1 },
        { productId: fine.id, quantity: 1 },
        { productId: unknown, quantity: 1 },
        { productId: discontinued.id, quantity: 1 },
      ]),
    );

    expect(errors).toEqual([
      { code: "OUT_OF_STOCK", message: "This product is out of stock.", field: ["lines", "0"] },
      { code: "PRODUCT_NOT_FOUND", message: `No product has id ${unknown}.`, field: ["lines", "2"] },
      { code: "PRODUCT_UNAVAILABLE", message: "This product is discontinued.", field: ["lines", "3"] },
    ]);
    expect(await stockOf(fine.id)).toEqual({ stockOnHand: 5, stockReserved: 0 });
  });

  it("refuses malformed requests before touching anything", async () => {
    const product = await newProduct(5000);
    const line = { productId: product.id, quantity: 1 };

    expect(await refusal(stock.reserve(newId(), []))).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["lines"] })]);
    expect(await refusal(stock.reserve(newId(), Array.from({ length: 101 }, () => line)))).toEqual([
      expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["lines"] }),
    ]);
    expect(await refusal(stock.reserve(" ", [line]))).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["reservationId"] })]);
    expect(
      await refusal(
        stock.reserve(newId(), [
          { productId: product.id, quantity: 0 },
          { productId: product.id, quantity: 1000 },
          { productId: product.id, quantity: 1.5 },
        ]),
      ),
    ).toEqual(["0", "1", "2"].map((index) => expect.objectContaining({ code: "INVALID_QUANTITY", field: ["lines", index, "quantity"] })));
    // Lines of one product are summed, and the sum is held to the same limit.
    expect(
      await refusal(
        stock.reserve(newId(), [
          { productId: product.id, quantity: 600 },
          { productId: product.id, quantity: 400 },
        ]),
      ),
    ).toEqual([expect.objectContaining({ code: "INVALID_QUANTITY", field: ["lines", "1", "quantity"] })]);
    // 100 lines are fine.
    expect((await stock.reserve(newId(), Array.from({ length: 100 }, () => line))).lines).toEqual([expect.objectContaining({ quantity: 100 })]);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 5000, stockReserved: 100 });
  });

  it("is idempotent: the same id answers the stored reservation and holds nothing more", async () => {
    const product = await newProduct(10, { priceMinor: 500 });
    const id = newId();
    const first = await stock.reserve(id, [{ productId: product.id, quantity: 4 }]);
    await db.product.update({ where: { id: product.id }, data: { priceMinor: 700 } });

    // Even with other lines, a retry gets the original snapshot (old price included).
    const again = await stock.reserve(id, [{ productId: product.id, quantity: 9 }]);

    expect(again).toEqual(first);
    expect(again.lines[0]).toMatchObject({ quantity: 4, unitPriceMinor: 500 });
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 10, stockReserved: 4 });
    expect(await eventsOf(product.id)).toHaveLength(1);

    // Whatever became of it.
    await stock.release(id);
    expect(await stock.reserve(id, [{ productId: product.id, quantity: 4 }])).toMatchObject({ id, status: "RELEASED", lines: first.lines });
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 10, stockReserved: 0 });
  });

  it("holds once when two processes reserve the same id at the same moment", async () => {
    const product = await newProduct(10);
    const id = newId();

    // Both have looked the id up and found nothing: the first claims it and queues on the product
    // row, the second queues on the first's claim. Without the claim (the id's primary key, taken
    // before any stock moves) both would hold 3 units and stockReserved would be 6.
    const [a, b] = await whileHolding(productRow(product.id), 2, () =>
      Promise.all([
        stock.reserve(id, [{ productId: product.id, quantity: 3 }]),
        otherStock.reserve(id, [{ productId: product.id, quantity: 3 }]),
      ]),
    );

    expect(a).toEqual(b);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 10, stockReserved: 3 });
    expect(await eventsOf(product.id)).toHaveLength(1);
  });

  it("sells the last 5 units to exactly 5 of 20 racing buyers, never overselling", async () => {
    const product = await newProduct(5);
    let sampling = true;
    const samples: { stockOnHand: number; stockReserved: number }[] = [];
    const sampler = (async () => {
      while (sampling) samples.push(await stockOf(product.id, lockDb));
    })();

    // All 20 are queued on the product row, each having read it as 5 available, before any goes on.
    // The conditional UPDATE re-checks availability on the row's latest version as each gets the
    // lock; a check made in code on what was read before would let all 20 through.
    const outcomes = await whileHolding(productRow(product.id), 20, () =>
      Promise.all(
        Array.from({ length: 20 }, (_, buyer) =>
          (buyer % 2 ? otherStock : stock).reserve(newId(), [{ productId: product.id, quantity: 1 }]).then(
            (reservation) => ({ ok: true as const, reservation }),
            (error: unknown) => {
              if (!(error instanceof DomainError)) throw error;
              return { ok: false as const, errors: error.errors };
            },
          ),
        ),
      ),
    );
    sampling = false;
    await sampler;

    const succeeded = outcomes.filter((o) => o.ok);
    const refused = outcomes.flatMap((o) => (o.ok ? [] : o.errors));
    expect(succeeded).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused.every((e) => e.code === "OUT_OF_STOCK" && e.field?.join(".") === "lines.0")).toBe(true);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 5, stockReserved: 5 });
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.stockReserved <= s.stockOnHand)).toBe(true);
    expect(await db.stockReservationLine.count({ where: { productId: product.id } })).toBe(5);
    const events = await eventsOf(product.id);
    expect(events.map((e) => e.data.availableQuantity).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("release", () => {
  it("gives the units back once; a second call, an unknown id or a committed reservation change nothing", async () => {
    const a = await newProduct(8);
    const b = await newProduct(4);
    const id = newId();
    await stock.reserve(id, [
      { productId: a.id, quantity: 5 },
      { productId: b.id, quantity: 4 },
    ]);

    const before = commitsSeen;
    expect(await stock.release(id)).toBe(true);
    expect(commitsSeen).toBe(before + 1);
    expect(await stockOf(a.id)).toEqual({ stockOnHand: 8, stockReserved: 0 });
    expect(await stockOf(b.id)).toEqual({ stockOnHand: 4, stockReserved: 0 });
    expect((await eventsOf(a.id)).map((e) => e.data)).toEqual([
      { productId: a.id, availableQuantity: 3, reason: "RESERVED", reservationId: id },
      { productId: a.id, availableQuantity: 8, reason: "RELEASED", reservationId: id },
    ]);

    expect(await stock.release(id)).toBe(false);
    expect(await stock.commit(id)).toBe(false);
    expect(await stock.release(newId())).toBe(false);
    expect(commitsSeen).toBe(before + 1);
    expect(await stockOf(a.id)).toEqual({ stockOnHand: 8, stockReserved: 0 });
    expect(await eventsOf(a.id)).toHaveLength(2);
    expect((await db.stockReservation.findUniqueOrThrow({ where: { id } })).status).toBe("RELEASED");

    const committed = newId();
    await stock.reserve(committed, [{ productId: a.id, quantity: 1 }]);
    await stock.commit(committed);
    expect(await stock.release(committed)).toBe(false);
    expect(await stockOf(a.id)).toEqual({ stockOnHand: 7, stockReserved: 0 });
  });

  it("releases once when two processes release at the same moment", async () => {
    const product = await newProduct(6);
    const id = newId();
    await stock.reserve(id, [{ productId: product.id, quantity: 6 }]);

    // Both queue on the reservation row; the second's UPDATE then finds it no longer RESERVED.
    // Were the status checked in code rather than in the UPDATE's condition, both would release
    // (results [true, true]) and the units would go back twice.
    const results = await whileHolding(reservationRow(id), 2, () => Promise.all([stock.release(id), otherStock.release(id)]));

    expect(results.sort()).toEqual([false, true]);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 6, stockReserved: 0 });
    expect((await eventsOf(product.id)).map((e) => e.data.reason)).toEqual(["RESERVED", "RELEASED"]);
  });
});

describe("commit", () => {
  it("takes the units out of the shop once", async () => {
    const product = await newProduct(10);
    const id = newId();
    await stock.reserve(id, [{ productId: product.id, quantity: 4 }]);

    expect(await stock.commit(id)).toBe(true);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 6, stockReserved: 0 });
    expect(await stock.commit(id)).toBe(false);
    expect(await stock.release(id)).toBe(false);
    expect(await stock.commit(newId())).toBe(false);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 6, stockReserved: 0 });
    expect((await eventsOf(product.id)).map((e) => e.data)).toEqual([
      { productId: product.id, availableQuantity: 6, reason: "RESERVED", reservationId: id },
      { productId: product.id, availableQuantity: 6, reason: "COMMITTED", reservationId: id },
    ]);
  });

  it("commits once when two processes commit at the same moment", async () => {
    const product = await newProduct(10);
    const id = newId();
    await stock.reserve(id, [{ productId: product.id, quantity: 4 }]);

    // As for release: the conditional UPDATE of the status lets only the first through.
    const results = await whileHolding(reservationRow(id), 2, () => Promise.all([stock.commit(id), otherStock.commit(id)]));

    expect(results.sort()).toEqual([false, true]);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 6, stockReserved: 0 });
    expect(await eventsOf(product.id)).toHaveLength(2);
  });

  it("lets exactly one of a racing commit and release win", async () => {
    const product = await newProduct(10);
    const id = newId();
    await stock.reserve(id, [{ productId: product.id, quantity: 4 }]);

    // Both queue on the reservation row; without the status condition both would win.
    const [committed, released] = await whileHolding(reservationRow(id), 2, () => Promise.all([stock.commit(id), otherStock.release(id)]));

    expect(committed !== released).toBe(true);
    expect(await stockOf(product.id)).toEqual(committed ? { stockOnHand: 6, stockReserved: 0 } : { stockOnHand: 10, stockReserved: 0 });
    expect(await eventsOf(product.id)).toHaveLength(2);
  });
});

describe("order events", () => {
  const applyOrderEvent = () => {
    const handler = new OrderEventsHandler(stock);
    return (event: { type: string; data: Record<string, unknown> }, tx: Parameters<OrderEventsHandler["handle"]>[1]) => handler.handle(event, tx);
  };

  it("commits on OrderPaid and releases on OrderCancelled, inside the consumer's transaction", async () => {
    const product = await newProduct(10);
    const paid = newId();
    const cancelled = newId();
    await stock.reserve(paid, [{ productId: product.id, quantity: 2 }]);
    await stock.reserve(cancelled, [{ productId: product.id, quantity: 3 }]);
    const apply = applyOrderEvent();

    const changed = await db.$transaction(async (tx) => [
      await apply({ type: "OrderPaid", data: { orderId: paid, reservationId: paid } }, tx),
      await apply({ type: "OrderCancelled", data: { orderId: cancelled, reservationId: cancelled } }, tx),
    ]);

    expect(changed).toEqual([true, true]);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 8, stockReserved: 0 });
    // A redelivered event changes nothing.
    expect(await db.$transaction((tx) => apply({ type: "OrderPaid", data: { reservationId: paid } }, tx))).toBe(false);
    expect(await db.$transaction((tx) => apply({ type: "OrderCancelled", data: { reservationId: cancelled } }, tx))).toBe(false);
    expect(await stockOf(product.id)).toEqual({ stockOnHand: 8, stockReserved: 0 });
  });

  it("leaves stock alone when the consumer's transaction rolls back", async () => {
    const product = await newProduct(10);
    const id = newId();
    await stock.reserve(id, [{ productId: product.id, quantity: 2 }]);
    const apply = applyOrderEvent();

    await expect(
      db.$transaction(async (tx) => {
        expect(await apply({ type: "OrderPaid", data: { reservationId: id } }, tx)).toBe(true);
        throw new Error("the consumer failed after applying");
      }),
    ).rejects.toThrow("the consumer failed");

    expect(await stockOf(product.id)).toEqual({ stockOnHand: 10, stockReserved: 2 });
    expect((await eventsOf(product.id)).map((e) => e.data.reason)).toEqual(["RESERVED"]);
    expect(await stock.commit(id)).toBe(true);
  });

  it("ignores other events and orders without a reservation, and refuses a malformed one", async () => {
    const apply = applyOrderEvent();
    await db.$transaction(async (tx) => {
      expect(await apply({ type: "OrderCreated", data: { reservationId: newId() } }, tx)).toBe(false);
      expect(await apply({ type: "OrderPaid", data: { orderId: newId() } }, tx)).toBe(false);
      await expect(apply({ type: "OrderCancelled", data: { reservationId: 42 } }, tx)).rejects.toThrow(TypeError);
    });
  });
});
