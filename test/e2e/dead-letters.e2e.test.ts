// A consumer that keeps failing an event gives up after EVENT_MAX_DELIVERIES deliveries: the event
// waits in the dead letters, counted in /metrics, until an admin fixes the cause and replays it
// through the gateway; it is then applied once.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const DEAD_LETTERS = `query($first: Int, $after: String) { deadLetters(first: $first, after: $after) {
  edges { cursor node { id stream group entryId eventId type event error attempts deadLetteredAt } } pageInfo { hasNextPage endCursor } } }`;
const REPLAY = `mutation($id: ID!) { replayDeadLetter(id: $id) { deadLetter { id eventId } userErrors { code field } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { status } }`;

let stack: Stack;
let sql: pg.Client;
beforeAll(async () => {
  stack = await startStack({ env: { EVENT_MAX_DELIVERIES: "2", EVENT_RETRY_DELAY: "100ms" } });
  sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await stack?.close();
});

describe("dead letters", () => {
  it("a payment the order cannot apply is dead-lettered, listed for admins, and applied once when replayed", async () => {
    const [product] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const user = await userToken({ sub: `user-${randomUUID()}` });
    const admin = await userToken({ roles: ["admin"] });
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { userErrors { code } } }`, { p: product }, user);
    await readyToCheckOut(stack, user);
    const order = (await stack.query(`mutation { checkout(idempotencyKey: "dl-1") { order { id } } }`, {}, user)).data.checkout.order;

    // The order's handler of PaymentSucceeded breaks for this order only: the database refuses
    // to mark it PAID (a real failure inside the handler's transaction, not a stand-in).
    const constraint = `test_unpayable_${randomBytes(4).toString("hex")}`;
    await sql.query(`ALTER TABLE "orders"."customer_order" ADD CONSTRAINT "${constraint}" CHECK ("id" <> '${order.id}' OR "status" <> 'PAID') NOT VALID`);
    try {
      const paid = await stack.query(`mutation($o: ID!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: "dl-pay") { payment { status } userErrors { code } } }`, { o: order.id }, user);
      expect(paid.data.payOrder).toEqual({ payment: { status: "SUCCEEDED" }, userErrors: [] });

      // Two failed deliveries, then the dead letter, counted once.
      const labels = { stream: "payment-events", group: "order" };
      await eventually(async () => expect(sampleValue(await scrapeMetrics(stack.order.metricsUrl!), "trolley_events_dead_lettered_total", labels)).toBe(1));
      expect((await stack.query(ORDER, { id: order.id }, user)).data.order.status).toBe("PENDING_PAYMENT");

      // Admins only.
      expect((await stack.query(DEAD_LETTERS, {}, user)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await stack.query(REPLAY, { id: "0-1" }, user)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await stack.query(DEAD_LETTERS, {})).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect((await stack.query(DEAD_LETTERS, { after: "bogus" }, admin)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");

      const listed = (await stack.query(DEAD_LETTERS, { first: 20 }, admin)).data.deadLetters;
      const letter = listed.edges.map((e: any) => e.node).find((n: any) => JSON.parse(n.event).data.orderId === order.id);
      expect(letter).toMatchObject({ stream: "payment-events", group: "order", type: "PaymentSucceeded", attempts: 2 });
      expect(letter.error).toContain(constraint);
      expect(JSON.parse(letter.event)).toMatchObject({ id: letter.eventId, type: "PaymentSucceeded" });
      expect(Date.parse(letter.deadLetteredAt)).not.toBeNaN();
    } finally {
      // The cause is fixed.
      await sql.query(`ALTER TABLE "orders"."customer_order" DROP CONSTRAINT IF EXISTS "${constraint}"`);
    }

    const letter = (await stack.query(DEAD_LETTERS, { first: 20 }, admin)).data.deadLetters.edges
      .map((e: any) => e.node)
      .find((n: any) => JSON.parse(n.event).data.orderId === order.id);
    const replayed = (await stack.query(REPLAY, { id: letter.id }, admin)).data.replayDeadLetter;
    expect(replayed).toEqual({ deadLetter: { id: letter.id, eventId: letter.eventId }, userErrors: [] });
    await eventually(async () => expect((await stack.query(ORDER, { id: order.id }, user)).data.order.status).toBe("PAID"));

    // Applied once: one processed row, one OrderPaid; and gone from the list.
    const processed = await sql.query(`SELECT 1 FROM "orders"."processed_event" WHERE "consumer_group" = 'order' AND "event_id" = $1`, [letter.eventId]);
    expect(processed.rowCount).toBe(1);
    const events = await stack.order.db.outboxEvent.findMany({ where: { aggregateId: order.id }, orderBy: { position: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["OrderCreated", "OrderPaid"]);
    const after = (await stack.query(DEAD_LETTERS, { first: 20 }, admin)).data.deadLetters.edges.map((e: any) => e.node.id);
    expect(after).not.toContain(letter.id);

    // Replaying it again (or any unknown id) changes nothing and says why.
    const again = (await stack.query(REPLAY, { id: letter.id }, admin)).data.replayDeadLetter;
    expect(again).toEqual({ deadLetter: null, userErrors: [{ code: "DEAD_LETTER_NOT_FOUND", field: ["id"] }] });
    expect(sampleValue(await scrapeMetrics(stack.order.metricsUrl!), "trolley_events_dead_lettered_total", { stream: "payment-events", group: "order" })).toBe(1);
  });
});
