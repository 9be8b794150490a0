import { describe, it, expect } from "vitest";
import { encodeCursor } from "@trolley/federation";
import { anonymous, serviceIdentity, type Identity } from "@trolley/identity";
import { decodeOrderCursor, orderCursor, orderPage, orderPageRequest } from "../src/order/order-paging.rules.js";
import { canResolveOrderReference, canSeeOrder } from "../src/order/order-visibility.rules.js";

const user = (subject: string): Identity => ({ kind: "user", subject, roles: ["customer"] });
const admin: Identity = { kind: "user", subject: "admin-1", roles: ["admin"] };
const guest: Identity = { kind: "guest", subject: "guest:abc", roles: ["guest"] };

const orderAt = (iso: string, id: string) => ({ createdAt: new Date(iso), id });

describe("who may see an order", () => {
  const order = { userId: "u1" };

  it("lets the owner and an admin see it, and no one else", () => {
    expect(canSeeOrder(user("u1"), order)).toBe(true);
    expect(canSeeOrder(admin, order)).toBe(true);
    expect(canSeeOrder(user("u2"), order)).toBe(false);
    expect(canSeeOrder(anonymous, order)).toBe(false);
    expect(canSeeOrder(serviceIdentity("payment"), order)).toBe(false);
  });

  it("lets a guest see the orders it placed as a guest", () => {
    expect(canSeeOrder(guest, { userId: "guest:abc" })).toBe(true);
    expect(canSeeOrder(guest, { userId: "guest:other" })).toBe(false);
  });

  it("resolves references for the owner, an admin and other services", () => {
    expect(canResolveOrderReference(user("u1"), order)).toBe(true);
    expect(canResolveOrderReference(admin, order)).toBe(true);
    expect(canResolveOrderReference(serviceIdentity("payment"), order)).toBe(true);
    expect(canResolveOrderReference(user("u2"), order)).toBe(false);
    expect(canResolveOrderReference(anonymous, order)).toBe(false);
  });
});

describe("paging the caller's orders", () => {
  it("round-trips a cursor to the same keyset position", () => {
    const position = orderAt("2026-11-20T10:00:00.123Z", "o-1");
    expect(decodeOrderCursor(orderCursor(position))).toEqual(position);
  });

  it("rejects cursors it did not issue as BAD_USER_INPUT", () => {
    for (const cursor of ["garbage", encodeCursor(["not a date", "o-1"]), encodeCursor([12, "o-1"]), encodeCursor(["2026-11-20T10:00:00.000Z", 5])]) {
      expect(() => decodeOrderCursor(cursor)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }));
    }
  });

  it("fetches one row more than the page and defaults to 20", () => {
    expect(orderPageRequest(undefined, undefined)).toEqual({ size: 20, take: 21 });
    expect(orderPageRequest(5, null)).toEqual({ size: 5, take: 6 });
    const after = orderCursor(orderAt("2026-11-20T10:00:00.000Z", "o-9"));
    expect(orderPageRequest(5, after).after).toEqual(orderAt("2026-11-20T10:00:00.000Z", "o-9"));
  });

  it("refuses page sizes outside 0..100", () => {
    expect(() => orderPageRequest(101, null)).toThrow(/between 0 and 100/);
    expect(() => orderPageRequest(-1, null)).toThrow(/between 0 and 100/);
  });

  it("gives an empty page without a next page to a caller with no orders", () => {
    expect(orderPage([], { size: 20 })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("trims the extra row and reports a next page ending at the last edge", () => {
    const rows = [orderAt("2026-11-20T12:00:00.000Z", "o-3"), orderAt("2026-11-20T11:00:00.000Z", "o-2"), orderAt("2026-11-20T10:00:00.000Z", "o-1")];
    const page = orderPage(rows, { size: 2 });
    expect(page.edges.map((edge) => edge.node.id)).toEqual(["o-3", "o-2"]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: orderCursor(rows[1]) });
    expect(decodeOrderCursor(page.pageInfo.endCursor!)).toEqual(rows[1]);
  });

  it("reports no next page when all rows fit", () => {
    const rows = [orderAt("2026-11-20T12:00:00.000Z", "o-3")];
    expect(orderPage(rows, { size: 2 }).pageInfo).toEqual({ hasNextPage: false, endCursor: orderCursor(rows[0]) });
  });
});
