// Code uses at checkout against the worker's real database: reserve all codes or none, confirm when
// the order is paid, release when it is cancelled, each once. Every test makes its own promotions
// (fresh codes) and reservation ids. Two database clients stand for two pricing processes racing;
// a third is the test's own session, which holds a promotion's row while the racers queue on it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { systemClock } from "@trolley/http";
import { connectPricingDb, type PricingDb } from "../src/db.js";
import type { Tx } from "../src/db.js";
import { CodeUseStore } from "../src/usage/code-use.store.js";
import { CodeUsageService } from "../src/usage/code-usage.service.js";
import { OrderEventsHandler } from "../src/usage/order-events.handler.js";
import { whileHolding as holding } from "../../../test/support/lock-waiter.js";

let db: PricingDb;
let otherDb: PricingDb;
let lockDb: PricingDb;
let usage: CodeUsageService;
let otherUsage: CodeUsageService;

beforeAll(() => {
  db = connectPricingDb(process.env.DATABASE_URL!);
  otherDb = connectPricingDb(process.env.DATABASE_URL!);
  lockDb = connectPricingDb(process.env.DATABASE_URL!);
  usage = new CodeUsageService(new CodeUseStore(db), systemClock);
  otherUsage = new CodeUsageService(new CodeUseStore(otherDb), systemClock);
});
afterAll(async () => {
  await db?.$disconnect();
  await otherDb?.$disconnect();
  await lockDb?.$disconnect();
});

const newId = () => randomUUID();

/** A code promotion of this test's own: 10% off the order. */
async function codePromotion(limits: { usageLimit?: number; perCustomerLimit?: number; active?: boolean; endsAt?: Date } = {}) {
  const code = `T${randomUUID().slice(0, 12)}`.toUpperCase();
  const now = new Date();
  const row = await db.promotion.create({
    data: { title: "10% off", code, rule: { target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } }, updatedAt: now, ...limits },
  });
  return { id: row.id, code };
}

const usesOf = (promotionId: string) => db.codeUse.findMany({ where: { promotionId }, select: { reservationId: true, status: true, customerKey: true }, orderBy: { createdAt: "asc" } });
const promotionRow = (id: string) => (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "pricing"."promotion" WHERE "id" = ${id} FOR UPDATE`;
const whileHolding = <T>(lock: (tx: Tx) => Promise<unknown>, waiting: number, race: () => Promise<T>) => holding(lockDb, lock, waiting, race);

describe("reserve", () => {
  it("reserves a use of every code, matched whatever the case, for the customer", async () => {
    const a = await codePromotion();
    const b = await codePromotion();
    const reservation = newId();
    await usage.reserve(reservation, [a.code.toLowerCase(), ` ${b.code} `], { userId: "alice" });
    expect(await usesOf(a.id)).toEqual([{ reservationId: reservation, status: "RESERVED", customerKey: "user:alice" }]);
    expect(await usesOf(b.id)).toEqual([{ reservationId: reservation, status: "RESERVED", customerKey: "user:alice" }]);
  });

  it("reserves none when one code is used up, and says which", async () => {
    const open = await codePromotion();
    const full = await codePromotion({ usageLimit: 1 });
    await usage.reserve(newId(), [full.code]);

    await expect(usage.reserve(newId(), [open.code, full.code])).rejects.toMatchObject({
      errors: [{ code: "DISCOUNT_CODE_USED_UP", field: ["code"], message: `The code ${full.code} has been used up.` }],
    });
    expect(await usesOf(open.id)).toEqual([]);
    expect(await usesOf(full.id)).toHaveLength(1);
  });

  it("refuses unknown, inactive and expired codes", async () => {
    const inactive = await codePromotion({ active: false });
    const expired = await codePromotion({ endsAt: new Date(Date.now() - 60_000) });
    const refused = await usage.reserve(newId(), ["NO-SUCH-CODE", inactive.code, expired.code]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).errors.map((e) => e.code).sort()).toEqual(["DISCOUNT_CODE_EXPIRED", "DISCOUNT_CODE_INVALID", "DISCOUNT_CODE_INVALID"]);
  });

  it("counts a per-customer limit by user, or by email whatever its case, and needs one of them", async () => {
    const once = await codePromotion({ perCustomerLimit: 1 });
    await usage.reserve(newId(), [once.code], { email: "Bob@Example.com" });
    await expect(usage.reserve(newId(), [once.code], { email: "bob@example.COM" })).rejects.toMatchObject({
      errors: [{ code: "DISCOUNT_CODE_USED_UP", field: ["code"], message: `You have already used the code ${once.code}.` }],
    });
    await expect(usage.reserve(newId(), [once.code], null)).rejects.toMatchObject({ errors: [{ code: "DISCOUNT_CODE_CUSTOMER_REQUIRED" }] });
    await usage.reserve(newId(), [once.code], { userId: "carol", email: "bob@example.com" });
    expect((await usesOf(once.id)).map((use) => use.customerKey)).toEqual(["email:bob@example.com", "user:carol"]);
  });

  it("is idempotent on the reservation id: a repeat answers as the first and reserves nothing more", async () => {
    const limited = await codePromotion({ usageLimit: 1 });
    const reservation = newId();
    await usage.reserve(reservation, [limited.code]);
    // The limit is reached, by this very reservation: a repeat must not count it against itself.
    await usage.reserve(reservation, [limited.code]);
    expect(await usesOf(limited.id)).toEqual([{ reservationId: reservation, status: "RESERVED", customerKey: null }]);
  });

  it("reserves once when two processes reserve the same id at the same moment", async () => {
    const limited = await codePromotion({ usageLimit: 1 });
    const reservation = newId();
    // Both queue on the promotion's row; the second reads the reservation's use after the first
    // commits. Checked before the lock, it would find nothing, count the first's use and refuse.
    await whileHolding(promotionRow(limited.id), 2, () => Promise.all([usage.reserve(reservation, [limited.code]), otherUsage.reserve(reservation, [limited.code])]));
    expect(await usesOf(limited.id)).toHaveLength(1);
  });

  it("gives a code limited to 5 uses to exactly 5 of 20 racing checkouts", async () => {
    const limited = await codePromotion({ usageLimit: 5 });
    // All 20 are queued on the promotion's row before any goes on; each counts the uses only once
    // it holds the row, so no two can both see 4 and both reserve the fifth.
    const outcomes = await whileHolding(promotionRow(limited.id), 20, () =>
      Promise.all(
        Array.from({ length: 20 }, (_, checkout) =>
          (checkout % 2 ? otherUsage : usage).reserve(newId(), [limited.code]).then(
            () => "reserved",
            (error: unknown) => {
              if (!(error instanceof DomainError)) throw error;
              return error.code;
            },
          ),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "reserved")).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === "DISCOUNT_CODE_USED_UP")).toHaveLength(15);
    expect(await usesOf(limited.id)).toHaveLength(5);
  });
});

describe("confirm and release", () => {
  it("release frees the use for another checkout; a confirmed use is never released", async () => {
    const once = await codePromotion({ usageLimit: 1 });
    const first = newId();
    await usage.reserve(first, [once.code]);
    expect(await usage.release(first)).toBe(true);
    expect(await usage.release(first)).toBe(false);

    const second = newId();
    await usage.reserve(second, [once.code]);
    expect(await usage.confirm(second)).toBe(true);
    expect(await usage.release(second)).toBe(false);
    expect((await usesOf(once.id)).map((use) => use.status)).toEqual(["RELEASED", "CONFIRMED"]);
    await expect(usage.reserve(newId(), [once.code])).rejects.toMatchObject({ errors: [{ code: "DISCOUNT_CODE_USED_UP" }] });
  });

  it("applies OrderPaid and OrderCancelled to the order's reservation, each once", async () => {
    const handler = new OrderEventsHandler(usage);
    const promotion = await codePromotion();
    const [paid, cancelled] = [newId(), newId()];
    await usage.reserve(paid, [promotion.code]);
    await usage.reserve(cancelled, [promotion.code]);
    const apply = (type: string, reservationId: unknown) => db.$transaction((tx) => handler.handle({ type, data: { orderId: newId(), reservationId } }, tx));

    expect(await apply("OrderPaid", paid)).toBe(true);
    expect(await apply("OrderPaid", paid)).toBe(false);
    expect(await apply("OrderCancelled", paid)).toBe(false);
    expect(await apply("OrderCancelled", cancelled)).toBe(true);
    expect(await apply("OrderCancelled", cancelled)).toBe(false);
    // An order that reserved nothing: nothing to do.
    expect(await apply("OrderCancelled", null)).toBe(false);
    await expect(apply("OrderPaid", 42)).rejects.toThrow(TypeError);
    expect(Object.fromEntries((await usesOf(promotion.id)).map((use) => [use.reservationId, use.status]))).toEqual({ [paid]: "CONFIRMED", [cancelled]: "RELEASED" });
  });
});
