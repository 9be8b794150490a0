// The test provider's webhooks live in a table, not in memory: they survive a restart, any number
// of payment processes send them without sending one twice (FOR UPDATE SKIP LOCKED and a lease),
// and a failed delivery is retried with backoff. The sender is tested here on the worker's
// database with a local receiver; no payment process runs while these tests do, except in the
// restart test, which starts its own.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectPaymentDb, type PaymentDb } from "../src/db.js";
import { TestProviderStore } from "../src/providers/test-provider.store.js";
import { TestWebhookSender } from "../src/providers/test-webhook-sender.js";
import { verifyWebhookSignature } from "../src/webhooks/webhook-signature.js";
import { customer, startPaymentStack, subjectOf, WEBHOOK_SECRET } from "./payment-stack.js";

let db: PaymentDb;
let store: TestProviderStore;
const marker = `ch_sendertest_${randomUUID().slice(0, 8)}`;
const silent = { warn() {} };

beforeAll(() => {
  db = connectPaymentDb(process.env.DATABASE_URL!);
  store = new TestProviderStore(db);
});
afterAll(async () => {
  // Leaves nothing a later payment process in this database would try to send.
  await db.testProviderWebhook.deleteMany({ where: { providerRef: { startsWith: marker } } });
  await db.$disconnect();
});

/** `count` webhooks due now, each its own event id. */
async function queue(count: number, providerRef = `${marker}_${randomUUID().slice(0, 8)}`) {
  const ids = Array.from({ length: count }, () => `evt_${randomUUID()}`);
  await store.transaction((tx) => store.insertWebhooks(tx, ids.map((id) => ({ id, providerRef, payload: JSON.stringify({ id }), delayMs: 0 }))));
  return ids;
}

/** A webhook receiver: answers each delivery with the next status of `statuses` (then 200), and tells who came. */
async function receiver(statuses: number[] = []) {
  const received: { id: string; signed: boolean }[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const signed = verifyWebhookSignature(req.headers["trolley-signature"] as string, body, WEBHOOK_SECRET).ok;
    received.push({ id: JSON.parse(body.toString()).id, signed });
    res.writeHead(statuses.shift() ?? 200).end();
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/test`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sender = (url: string, settings: Partial<ConstructorParameters<typeof TestWebhookSender>[1]> = {}) =>
  new TestWebhookSender(store, { webhookUrl: () => url, webhookSecret: WEBHOOK_SECRET, logger: silent, pollIntervalMs: 50, ...settings });

describe("the test provider's webhook sender", () => {
  it("skips a webhook another process is claiming (held lock) instead of waiting for it, and claims it once free", async () => {
    const [held, ...others] = await queue(3);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another process mid-claim: the row stays locked until this transaction ends.
    const other = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "payment"."test_provider_webhook" WHERE "id" = ${held} FOR UPDATE`;
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;

    const claimed = await store.claimDue(100, 60_000, 6);

    expect(claimed.map((w) => w.id).filter((id) => [held, ...others].includes(id)).sort()).toEqual([...others].sort());
    release();
    await other;
    const later = await store.claimDue(100, 60_000, 6);
    expect(later.map((w) => w.id)).toContain(held);
    // Each was claimed once: the lease keeps a claimed webhook from being claimed again meanwhile.
    expect((await store.claimDue(100, 60_000, 6)).map((w) => w.id).filter((id) => [held, ...others].includes(id))).toEqual([]);
    expect((await db.testProviderWebhook.findMany({ where: { id: { in: [held, ...others] } } })).map((w) => w.attempts)).toEqual([1, 1, 1]);
  });

  it("retries a failed delivery with backoff, signed afresh, until it is delivered", async () => {
    const target = await receiver([500, 503]);
    const [id] = await queue(1);
    const sending = sender(target.url, { retryDelaysMs: [30, 30, 30] });
    try {
      sending.start();
      await vi.waitFor(async () => expect((await db.testProviderWebhook.findUnique({ where: { id } }))!.deliveredAt).not.toBeNull(), { timeout: 5000 });
    } finally {
      await sending.stop();
      await target.close();
    }
    expect(target.received.filter((r) => r.id === id)).toEqual([
      { id, signed: true },
      { id, signed: true },
      { id, signed: true },
    ]);
    expect(await db.testProviderWebhook.findUnique({ where: { id } })).toMatchObject({ attempts: 3, lastError: null });
  });

  it("gives a webhook up after its last retry, leaving the row undelivered with the last error", async () => {
    const target = await receiver([500, 500, 500]);
    const [id] = await queue(1);
    const sending = sender(target.url, { retryDelaysMs: [20, 20] });
    try {
      sending.start();
      await vi.waitFor(async () => expect((await db.testProviderWebhook.findUnique({ where: { id } }))!.attempts).toBe(3), { timeout: 5000 });
      await vi.waitFor(async () => expect((await db.testProviderWebhook.findUnique({ where: { id } }))!.lastError).toBe("HTTP 500"), { timeout: 5000 });
    } finally {
      await sending.stop();
      await target.close();
    }
    expect(await db.testProviderWebhook.findUnique({ where: { id } })).toMatchObject({ deliveredAt: null, attempts: 3 });
    expect(target.received.filter((r) => r.id === id)).toHaveLength(3);
  });

  it("sends each webhook once with two processes sending at the same time", async () => {
    const target = await receiver();
    const ids = await queue(40);
    const senders = [sender(target.url), sender(target.url)];
    try {
      senders.forEach((s) => s.start());
      await vi.waitFor(() => expect(new Set(target.received.map((r) => r.id)).size).toBeGreaterThanOrEqual(ids.length), { timeout: 10_000 });
      await vi.waitFor(async () => expect(await db.testProviderWebhook.count({ where: { id: { in: ids }, deliveredAt: null } })).toBe(0), { timeout: 5000 });
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
      await target.close();
    }
    const ours = target.received.filter((r) => ids.includes(r.id)).map((r) => r.id);
    expect(ours.sort()).toEqual([...ids].sort());
  });
});

describe("a pending test provider webhook", () => {
  it("survives a restart of the payment process and is then delivered by the new one", async () => {
    await db.testProviderWebhook.deleteMany({ where: { providerRef: { startsWith: marker } } });
    // The first process accepts the charge; its webhook is due only in an hour.
    const first = await startPaymentStack({ env: { PAYMENT_TEST_PROVIDER_DELAY: "1h", PAYMENT_CONFIRM_WAIT: "50ms" } });
    const payer = customer();
    let paymentId: string;
    let providerRef: string;
    try {
      const order = await first.createOrder(subjectOf(payer));
      const { payment } = await first.payOrder(payer, order.id, "tok_visa");
      expect(payment.status).toBe("PROCESSING");
      paymentId = payment.id;
      providerRef = (await first.payment.db.payment.findUnique({ where: { id: paymentId } }))!.providerRef!;
    } finally {
      await first.close();
    }
    expect(await db.testProviderWebhook.findMany({ where: { providerRef } })).toEqual([expect.objectContaining({ deliveredAt: null, attempts: 0 })]);

    const second = await startPaymentStack();
    try {
      // An hour later.
      await db.$executeRaw`UPDATE "payment"."test_provider_webhook" SET "due_at" = (now() AT TIME ZONE 'UTC') WHERE "provider_ref" = ${providerRef}`;
      await vi.waitFor(async () => expect((await second.payment.db.payment.findUnique({ where: { id: paymentId } }))!.status).toBe("SUCCEEDED"), { timeout: 5000 });
      expect((await second.events(paymentId)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
      // Its charge is known to the new process too.
      expect(await second.payment.provider.retrieve(providerRef)).toMatchObject({ status: "succeeded" });
    } finally {
      await second.close();
    }
  });
});
