// Reading one's cart is the hottest read of the system (every cart page view): it costs one SQL
// query whatever the owner has, an active cart, none yet, or only carts it checked out; and an owner
// without an active cart sees an empty one under the id its first change will give the cart's row.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, signIdentity, type Caller, type Identity } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { recordingCartDb } from "../../../test/support/recording-db.js";
import { startCart, type CartApp } from "../src/app.js";
import { nextCartId } from "../src/cart/cart-id.rules.js";
import { readCartConfig } from "../src/config.js";

const CART = `{ cart { id status totalQuantity lines { quantity productId } savedForLater { productId } } }`;

const { db, queries } = recordingCartDb();
const config = readCartConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });
let app: CartApp;

beforeAll(async () => {
  app = await startCart(config, { db, background: false });
});
afterAll(() => app?.close());

const user = (): Caller => ({ kind: "user", subject: `user-${randomUUID()}`, roles: ["customer"] });

/** The caller's cart, and the SQL statements the cart subgraph ran to answer it. */
async function readCart(identity: Identity) {
  const headers = { [IDENTITY_HEADER]: signIdentity(identity, config.INTERNAL_SECRET) };
  queries.length = 0;
  const result = await graphql(app.url, CART, { headers });
  expect(result.errors).toBeUndefined();
  return { cart: result.data.cart, queries: [...queries] };
}

const storedCart = (ownerId: string, status: "ACTIVE" | "MERGED" | "CHECKED_OUT", createdAt = new Date()) =>
  db.cart.create({ data: { ownerId, status, createdAt }, select: { id: true } });

describe("reading one's cart", () => {
  it("costs one query for an owner with no cart yet, and answers the id the first change gives the cart", async () => {
    const owner = user();
    const { cart, queries } = await readCart(owner);
    expect(cart).toEqual({ id: nextCartId(owner.subject, null), status: "ACTIVE", totalQuantity: 0, lines: [], savedForLater: [] });
    expect(queries).toHaveLength(1);
    expect(await db.cart.count({ where: { ownerId: owner.subject } })).toBe(0);
  });

  it("costs one query for an owner whose carts were all checked out, and answers the id that follows the latest", async () => {
    const owner = user();
    await storedCart(owner.subject, "CHECKED_OUT", new Date("2026-01-01T00:00:00Z"));
    const latest = await storedCart(owner.subject, "CHECKED_OUT", new Date("2026-02-01T00:00:00Z"));
    const { cart, queries } = await readCart(owner);
    expect(cart).toEqual({ id: nextCartId(owner.subject, latest.id), status: "ACTIVE", totalQuantity: 0, lines: [], savedForLater: [] });
    expect(queries).toHaveLength(1);
  });

  it("costs one query for an owner with an active cart, its lines included", async () => {
    const owner = user();
    await storedCart(owner.subject, "CHECKED_OUT", new Date("2026-01-01T00:00:00Z"));
    const active = await storedCart(owner.subject, "ACTIVE", new Date("2025-12-01T00:00:00Z"));
    await db.cartLine.createMany({
      data: [
        { cartId: active.id, productId: "p-1", quantity: 2 },
        { cartId: active.id, productId: "p-2", quantity: 1, savedAt: new Date() },
      ],
    });
    const { cart, queries } = await readCart(owner);
    expect(cart).toEqual({ id: active.id, status: "ACTIVE", totalQuantity: 2, lines: [{ quantity: 2, productId: "p-1" }], savedForLater: [{ productId: "p-2" }] });
    expect(queries).toHaveLength(1);
  });

  it("costs one query for a guest whose cart was merged, which sees that retired cart", async () => {
    const guest: Caller = { kind: "guest", subject: `guest:${randomUUID()}`, roles: ["guest"] };
    const merged = await storedCart(guest.subject, "MERGED");
    const { cart, queries } = await readCart(guest);
    expect(cart).toEqual({ id: merged.id, status: "MERGED", totalQuantity: 0, lines: [], savedForLater: [] });
    expect(queries).toHaveLength(1);
  });
});
