// The order context's housekeeping run by three order processes at the same moment: each
// abandoned checkout's holds are released once, each unpaid order expires (or is found paid) once.
// Each replica is the job's own runner on a database client of its own; the catalog, pricing and
// payment it calls are the stack's, over HTTP. The overlap is forced: a fourth connection holds the
// table the job claims from until all three replicas are queued behind it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox } from "@trolley/outbox";
import { CheckoutHolds } from "../../subgraphs/order/src/checkout/checkout-holds.js";
import { CheckoutService } from "../../subgraphs/order/src/checkout/checkout.service.js";
import { CheckoutStore } from "../../subgraphs/order/src/checkout/checkout.store.js";
import { httpCartClient } from "../../subgraphs/order/src/clients/cart.client.js";
import { httpCatalogClient, type CatalogClient } from "../../subgraphs/order/src/clients/catalog.client.js";
import { httpPaymentClient } from "../../subgraphs/order/src/clients/payment.client.js";
import { httpPricingClient } from "../../subgraphs/order/src/clients/pricing.client.js";
import { httpShippingClient } from "../../subgraphs/order/src/clients/shipping.client.js";
import { connectOrderDb, type OrderDb } from "../../subgraphs/order/src/db.js";
import { OrderHousekeeping } from "../../subgraphs/order/src/lifecycle/order-housekeeping.js";
import { OrderLifecycle } from "../../subgraphs/order/src/lifecycle/order-lifecycle.service.js";
import { OrderLifecycleStore } from "../../subgraphs/order/src/lifecycle/order-lifecycle.store.js";
import { createProducts } from "../support/catalog-products.js";
import { barrier } from "../support/gate.js";
import { REPLICAS, replicaClients, whileTableLocked } from "../support/replicas.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const MINUTE = 60_000;
const PAYMENT_TIMEOUT = 15 * MINUTE;
const INTERNAL_SECRET = "dev-internal-secret-change-me";
const quiet = { warn() {} };

const clock = new TestClock();
let stack: Stack;
let dbs: ReturnType<typeof replicaClients<OrderDb>>;

beforeAll(async () => {
  // The stack's own order and payment processes run no background work: the replicas below are
  // the only ones expiring orders or releasing checkouts.
  stack = await startStack({ orderOptions: { clock, background: false }, paymentOptions: { background: false } });
  dbs = replicaClients(() => connectOrderDb(process.env.DATABASE_URL!));
});
afterAll(async () => {
  await dbs?.close();
  await stack?.close();
});

/** One order process's housekeeping, on its own database client; `releases` records each stock release it asks for. */
function replica(db: OrderDb, releases: string[], store = new OrderLifecycleStore(db)) {
  const calls = { timeoutMs: 3000, internalSecret: INTERNAL_SECRET };
  const catalog = httpCatalogClient({ ...calls, url: stack.urls.catalog });
  const recording: CatalogClient = { ...catalog, release: (id) => (releases.push(id), catalog.release(id)) };
  const outbox = new Outbox({ schema: "orders" });
  const holds = new CheckoutHolds(recording, httpPricingClient({ ...calls, url: stack.urls.pricing }), httpShippingClient({ ...calls, url: stack.urls.shipping }));
  const checkout = new CheckoutService(new CheckoutStore(db), httpCartClient({ ...calls, url: stack.urls.cart }), holds, outbox, clock);
  const lifecycle = new OrderLifecycle(store, httpPaymentClient({ ...calls, url: () => stack.urls.payment }), outbox, clock, quiet);
  return new OrderHousekeeping(lifecycle, checkout, PAYMENT_TIMEOUT);
}

const eventsOf = (aggregateId: string) => stack.order.db.outboxEvent.findMany({ where: { aggregateId }, select: { type: true } }).then((rows) => rows.map((row) => row.type));

describe("order housekeeping in three order processes at once", () => {
  it("releases each abandoned checkout's stock once: one replica claims it, the others skip it", async () => {
    const [productId] = await createProducts(stack.catalog.db, 1, { stock: 20 });
    const catalog = httpCatalogClient({ url: stack.urls.catalog, timeoutMs: 3000, internalSecret: INTERNAL_SECRET });
    // What processes leave behind when they die between reserving and creating the order.
    const claims = await Promise.all(
      Array.from({ length: 4 }, () =>
        stack.order.db.checkoutRequest.create({ data: { id: randomUUID(), userId: `user-${randomUUID()}`, idempotencyKey: "k", requestHash: "h", createdAt: clock.now() } }),
      ),
    );
    for (const claim of claims) expect(await catalog.reserve(claim.id, [{ productId, quantity: 2 }])).toMatchObject({ ok: true });
    clock.advance(3 * MINUTE);

    const releases: string[] = [];
    const replicas = dbs.clients.map((db) => replica(db, releases));
    const runs = await whileTableLocked(stack.order.db, `"orders"."checkout_request"`, () => Promise.all(replicas.map((r) => r.runOnce())));

    const ours = new Set(claims.map((claim) => claim.id));
    // Each checkout's holds were released by one replica, which counted it; nobody asked twice.
    expect(releases.filter((id) => ours.has(id)).sort()).toEqual([...ours].sort());
    expect(runs.reduce((sum, run) => sum + run.releasedCheckouts, 0)).toBe(releases.length);
    expect((await stack.catalog.db.product.findUniqueOrThrow({ where: { id: productId } })).stockReserved).toBe(0);
    expect(await stack.order.db.checkoutRequest.count({ where: { id: { in: [...ours] } } })).toBe(0);
  });

  it("expires each unpaid order once and marks a paid one PAID once", async () => {
    const userId = `user-${randomUUID()}`;
    const order = (paymentInFlight: string | null = null) => {
      const cost = { totalMinor: 1000, subtotalMinor: 1000, servicesSubtotalMinor: 0, shippingMinor: 0, discountTotalMinor: 0, taxMinor: 0, taxIncluded: false, discounts: [] };
      return stack.order.db.order.create({ data: { number: `TEST-${randomUUID()}`, userId, currencyCode: "USD", createdAt: clock.now(), paymentInFlight, ...cost } });
    };
    const payment = (orderId: string, status: "SUCCEEDED" | "FAILED") =>
      stack.payment.db.payment.create({ data: { orderId, userId, status, amountMinor: 1000, currencyCode: "USD", provider: "test" } });

    const unclaimed = await Promise.all(Array.from({ length: 5 }, () => order()));
    // Claimed orders whose payment events never arrived: one paid, one declined.
    const paid = await order(randomUUID());
    const declined = await order(randomUUID());
    const paidPayment = await payment(paid.id, "SUCCEEDED");
    const declinedPayment = await payment(declined.id, "FAILED");
    await stack.order.db.order.update({ where: { id: paid.id }, data: { paymentInFlight: paidPayment.id } });
    await stack.order.db.order.update({ where: { id: declined.id }, data: { paymentInFlight: declinedPayment.id } });
    clock.advance(PAYMENT_TIMEOUT + MINUTE);

    // The claimed orders: every replica has read them before any moves one.
    const meet = barrier(REPLICAS);
    class MeetingStore extends OrderLifecycleStore {
      override async claimedOverdue(cutoff: Date, limit: number) {
        const claimed = await super.claimedOverdue(cutoff, limit);
        await meet.arrive();
        return claimed;
      }
    }
    const replicas = dbs.clients.map((db) => replica(db, [], new MeetingStore(db)));
    // The unclaimed ones: every replica's expiry waits on the table, then all three claim at once.
    const runs = await whileTableLocked(stack.order.db, `"orders"."customer_order"`, () => Promise.all(replicas.map((r) => r.runOnce())));

    const ours = new Set([...unclaimed, paid, declined].map((o) => o.id));
    const expired = runs.flatMap((run) => run.expired).filter((id) => ours.has(id));
    expect(expired.sort()).toEqual([...unclaimed, declined].map((o) => o.id).sort());
    expect(runs.flatMap((run) => run.paid).filter((id) => ours.has(id))).toEqual([paid.id]);
    for (const o of [...unclaimed, declined]) expect(await eventsOf(o.id)).toEqual(["OrderCancelled"]);
    expect(await eventsOf(paid.id)).toEqual(["OrderPaid"]);
    expect((await stack.order.db.order.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("PAID");
  });
});
