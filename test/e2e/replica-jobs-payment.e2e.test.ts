// The payment context's periodic work run by three payment processes at the same moment: the
// refund sweep refunds each cancelled order's payment once (one provider refund, one
// PaymentRefunded), the reconciliation asks the provider about each stale payment once, and the
// test provider's webhook sender delivers each webhook once. Each replica is the job's own runner
// on a database client of its own, with the test provider (its charges and webhooks live in the
// payment schema, shared like a real provider's). The overlap is forced: a fourth connection holds
// the rows or the table until all three are queued behind it, or a barrier in the provider call
// keeps each replica holding its row until all three hold one.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox } from "@trolley/outbox";
import { eventually } from "@trolley/testing";
import { connectPaymentDb, type PaymentDb } from "../../subgraphs/payment/src/db.js";
import { CancelledOrderRefunds } from "../../subgraphs/payment/src/payment/cancelled-order-refunds.js";
import { CancelledOrderStore } from "../../subgraphs/payment/src/payment/cancelled-order.store.js";
import { PaymentReconciliation } from "../../subgraphs/payment/src/payment/payment-reconciliation.js";
import { PaymentSettlement } from "../../subgraphs/payment/src/payment/payment-settlement.js";
import { RefundService } from "../../subgraphs/payment/src/payment/refund.service.js";
import { ProviderRegistry, type PaymentProvider } from "../../subgraphs/payment/src/providers/payment-provider.js";
import { TestPaymentProvider } from "../../subgraphs/payment/src/providers/test-provider.js";
import { TestProviderStore } from "../../subgraphs/payment/src/providers/test-provider.store.js";
import { TestWebhookSender } from "../../subgraphs/payment/src/providers/test-webhook-sender.js";
import { createStores } from "../../subgraphs/payment/src/stores.js";
import { barrier } from "../support/gate.js";
import { whileHolding } from "../support/lock-waiter.js";
import { REPLICAS, replicaClients, whileTableLocked } from "../support/replicas.js";
import { TestClock } from "../support/test-clock.js";

const MINUTE = 60_000;
const WEBHOOK_SECRET = "dev-webhook-secret-change-me";
const quiet = { warn() {}, info() {} };
const clock = new TestClock();

let dbs: ReturnType<typeof replicaClients<PaymentDb>>;
let db: PaymentDb;
let target: Awaited<ReturnType<typeof receiver>>;
/** Makes the test's charges, as payOrder would have. */
let setupProvider: TestPaymentProvider;
const senders: TestWebhookSender[] = [];

/** Where the replicas' webhooks go: it records the event id of each delivery. */
async function receiver() {
  const received: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString()).id);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/test`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  dbs = replicaClients(() => connectPaymentDb(process.env.DATABASE_URL!));
  db = connectPaymentDb(process.env.DATABASE_URL!);
  target = await receiver();
  const store = new TestProviderStore(db);
  const sender = new TestWebhookSender(store, { webhookUrl: () => target.url, webhookSecret: WEBHOOK_SECRET, logger: quiet });
  senders.push(sender);
  setupProvider = new TestPaymentProvider({ store, sender, webhookSecret: WEBHOOK_SECRET, delayMs: 3_600_000 });
});
afterAll(async () => {
  await Promise.all(senders.map((sender) => sender.stop()));
  await target?.close();
  await db?.$disconnect();
  await dbs?.close();
});

/** What a payment process runs, on its own client; `wrap` may stand between it and the provider (to count or hold its calls). */
function replica(replicaDb: PaymentDb, wrap: (provider: PaymentProvider) => PaymentProvider = (provider) => provider) {
  const store = new TestProviderStore(replicaDb);
  const sender = new TestWebhookSender(store, { webhookUrl: () => target.url, webhookSecret: WEBHOOK_SECRET, logger: quiet, pollIntervalMs: 60_000 });
  senders.push(sender);
  // The provider's own webhooks are an hour away: only the job under test settles anything.
  const provider = wrap(new TestPaymentProvider({ store, sender, webhookSecret: WEBHOOK_SECRET, delayMs: 3_600_000 }));
  const { payments } = createStores(replicaDb);
  const providers = new ProviderRegistry([provider]);
  const settlement = new PaymentSettlement(payments, new Outbox({ schema: "payment" }), () => {}, () => {}, clock);
  const refunds = new RefundService(payments, providers, settlement, clock);
  return {
    sender,
    refunds: new CancelledOrderRefunds(new CancelledOrderStore(replicaDb, payments), refunds, quiet),
    reconciliation: new PaymentReconciliation(payments, providers, settlement, clock, { processingAfterMs: 5 * MINUTE, actionTimeoutMs: 15 * MINUTE }, quiet),
  };
}

/** Counts `method`'s calls per first argument's key, and runs `before` ahead of each. */
function counting(calls: Map<string, number>, method: "refund" | "retrieve", key: (arg: any) => string, before: () => Promise<void> = async () => {}) {
  return (provider: PaymentProvider): PaymentProvider =>
    Object.create(provider, {
      [method]: {
        value: async (arg: any) => {
          calls.set(key(arg), (calls.get(key(arg)) ?? 0) + 1);
          await before();
          return (provider[method] as (a: any) => Promise<unknown>).call(provider, arg);
        },
      },
    });
}

/** A payment charged at the test provider (a plain card: it succeeded there), recorded with `status`. */
async function chargedPayment(status: "SUCCEEDED" | "PROCESSING", updatedAt = clock.now()) {
  const id = randomUUID();
  const orderId = randomUUID();
  const { providerRef } = await setupProvider.charge({ paymentId: id, amountMinor: 1500, currencyCode: "USD", token: "tok_visa", idempotencyKey: id });
  return db.payment.create({ data: { id, orderId, userId: `user-${randomUUID()}`, status, amountMinor: 1500, currencyCode: "USD", provider: "test", providerRef, updatedAt } });
}

const eventTypes = async (paymentId: string) => (await db.outboxEvent.findMany({ where: { aggregateId: paymentId } })).map((event) => event.type);

describe("payment jobs in three payment processes at once", () => {
  it("the refund sweep refunds each cancelled order's payment once", async () => {
    const payments = await Promise.all(Array.from({ length: 3 }, () => chargedPayment("SUCCEEDED")));
    for (const payment of payments) await db.cancelledOrder.create({ data: { orderId: payment.orderId, cancelledAt: clock.now() } });
    const refunds = new Map<string, number>();
    const replicas = dbs.clients.map((replicaDb) => replica(replicaDb, counting(refunds, "refund", (request) => request.providerRef)));
    const ids = payments.map((payment) => payment.id);

    // Every replica found the payments and waits to lock the first; once let go, one refunds each.
    await whileHolding(db, (tx) => tx.$queryRaw`SELECT 1 FROM "payment"."payment" WHERE "id" = ANY(${ids}) FOR UPDATE`, REPLICAS, () =>
      Promise.all(replicas.map((r) => r.refunds.sweep())),
    );

    for (const payment of payments) {
      expect(refunds.get(payment.providerRef!)).toBe(1);
      expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDED");
      expect(await eventTypes(payment.id)).toEqual(["PaymentRefunded"]);
      expect(await db.testProviderRefund.count({ where: { providerRef: payment.providerRef! } })).toBe(1);
    }
  });

  it("the reconciliation asks the provider about each stale payment once", async () => {
    const payments = await Promise.all(Array.from({ length: 6 }, () => chargedPayment("PROCESSING", new Date(clock.now().getTime() - 10 * MINUTE))));
    const asked = new Map<string, number>();
    // The first three questions wait until all three are asked: each replica then holds a payment of its own.
    const meet = barrier(REPLICAS);
    const replicas = dbs.clients.map((replicaDb) => replica(replicaDb, counting(asked, "retrieve", (ref) => ref, () => meet.arrive())));

    const runs = await Promise.all(replicas.map((r) => r.reconciliation.runOnce()));

    expect(runs.reduce((sum, run) => sum + run.settled, 0)).toBeGreaterThanOrEqual(payments.length);
    for (const payment of payments) {
      expect(asked.get(payment.providerRef!)).toBe(1);
      expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("SUCCEEDED");
      expect(await eventTypes(payment.id)).toEqual(["PaymentSucceeded"]);
    }
  });

  it("the test provider's webhook sender delivers each webhook once", async () => {
    const store = new TestProviderStore(db);
    const providerRef = `ch_replicas_${randomUUID()}`;
    const ids = Array.from({ length: 30 }, () => `evt_${randomUUID()}`);
    await store.transaction((tx) => store.insertWebhooks(tx, ids.map((id) => ({ id, providerRef, payload: JSON.stringify({ id }), delayMs: 0 }))));
    const replicas = dbs.clients.map((replicaDb) => replica(replicaDb));

    // EXCLUSIVE stops FOR UPDATE: every sender's claim waits on the table, then all three claim at once.
    await whileTableLocked(db, `"payment"."test_provider_webhook"`, async () => {
      for (const r of replicas) r.sender.kick();
      await eventually(async () => (await db.testProviderWebhook.count({ where: { id: { in: ids }, deliveredAt: null } })) === 0, 15_000);
    }, { mode: "EXCLUSIVE" });
    // Stopped: whatever a sender still had in hand is over, so the receiver has all it will get.
    await Promise.all(replicas.map((r) => r.sender.stop()));

    expect(target.received.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect((await db.testProviderWebhook.findMany({ where: { id: { in: ids } } })).map((webhook) => webhook.attempts)).toEqual(ids.map(() => 1));
  });
});
