// 3-D Secure with the test provider's tok_threeDSecureRequired: payOrder answers REQUIRES_ACTION at
// once with a client secret only the payer sees; the order cannot be paid twice meanwhile; the
// provider's webhook settles it once the customer has completed the challenge. The provider's
// delay is an hour here, and a test moves a webhook's due time to now when the customer "completes".
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serviceIdentity, signIdentity, IDENTITY_HEADER, type Identity } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { admin, customer, INTERNAL_SECRET, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";

const PAY = `mutation($o: ID!, $t: String!, $k: String!) {
  payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) {
    payment { id status failureCode clientSecret }
    userErrors { code field }
  }
}`;
const PAYMENT = `query($id: ID!) { payment(id: $id) { id status clientSecret } }`;

let stack: PaymentStack;

beforeAll(async () => {
  // payOrder would wait an hour for a charge still processing: an answer at all proves it did not wait.
  stack = await startPaymentStack({ env: { PAYMENT_TEST_PROVIDER_DELAY: "1h", PAYMENT_CONFIRM_WAIT: "1h" } });
});
afterAll(async () => {
  await stack?.close();
});

async function payWith3ds() {
  const payer = customer();
  const order = await stack.createOrder(subjectOf(payer));
  const { data } = await stack.query(PAY, { o: order.id, t: "tok_threeDSecureRequired", k: randomUUID() }, payer);
  return { payer, order, answer: data.payOrder, row: (await stack.payment.db.payment.findUnique({ where: { id: data.payOrder.payment.id } }))! };
}

/** The customer completes the challenge now: the provider's pending webhooks of this charge fall due. */
const customerCompletes = (providerRef: string) =>
  stack.payment.db.$executeRaw`UPDATE "payment"."test_provider_webhook" SET "due_at" = (now() AT TIME ZONE 'UTC') WHERE "provider_ref" = ${providerRef} AND "delivered_at" IS NULL`;

const clientSecretSeenBy = async (identity: Identity, paymentId: string) => (await stack.query(PAYMENT, { id: paymentId }, identity)).data.payment?.clientSecret;

describe("a charge that needs 3-D Secure", () => {
  it("answers REQUIRES_ACTION at once, without waiting, with the client secret and no event", async () => {
    // Within the test's timeout, so long before PAYMENT_CONFIRM_WAIT: only the customer can move it on.
    const { answer, row } = await payWith3ds();

    expect(answer.userErrors).toEqual([]);
    expect(answer.payment).toEqual({ id: row.id, status: "REQUIRES_ACTION", failureCode: null, clientSecret: expect.stringMatching(/^ch_\w+_secret_\w+$/) });
    expect(row).toMatchObject({ status: "REQUIRES_ACTION", clientSecret: answer.payment.clientSecret, providerRef: expect.stringMatching(/^ch_/) });
    expect(await stack.events(row.id)).toEqual([]);
  });

  it("shows the client secret to the payer only: not to an admin, another customer or another service", async () => {
    const { payer, answer, row } = await payWith3ds();

    expect(await clientSecretSeenBy(payer, row.id)).toBe(answer.payment.clientSecret);
    const asAdmin = await stack.query(PAYMENT, { id: row.id }, admin());
    expect(asAdmin.data.payment).toEqual({ id: row.id, status: "REQUIRES_ACTION", clientSecret: null });
    expect((await stack.query(PAYMENT, { id: row.id }, customer())).data.payment).toBeNull();
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { status clientSecret } } }`;
    const asService = await graphql<any>(stack.payment.url, entities, {
      variables: { r: [{ __typename: "Payment", id: row.id }] },
      headers: { [IDENTITY_HEADER]: signIdentity(serviceIdentity("order"), INTERNAL_SECRET) },
    });
    expect(asService.data._entities).toEqual([{ status: "REQUIRES_ACTION", clientSecret: null }]);
  });

  it("holds the order: another attempt meanwhile is ORDER_NOT_PAYABLE and charges nothing", async () => {
    const { payer, order } = await payWith3ds();

    const second = await stack.query(PAY, { o: order.id, t: "tok_visa", k: randomUUID() }, payer);

    expect(second.data.payOrder).toEqual({ payment: null, userErrors: [expect.objectContaining({ code: "ORDER_NOT_PAYABLE" })] });
    expect((await stack.paymentsOfOrder(order.id)).map((p) => p.status)).toEqual(["REQUIRES_ACTION"]);
  });

  it("is settled SUCCEEDED by the provider's webhook once the customer completes; the secret is then gone", async () => {
    const { payer, row } = await payWith3ds();

    await customerCompletes(row.providerRef!);

    await vi.waitFor(async () => expect((await stack.payment.db.payment.findUnique({ where: { id: row.id } }))!.status).toBe("SUCCEEDED"), { timeout: 5000 });
    expect(await stack.payment.db.payment.findUnique({ where: { id: row.id } })).toMatchObject({ clientSecret: null, failureCode: null });
    expect(await clientSecretSeenBy(payer, row.id)).toBeNull();
    expect((await stack.events(row.id)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
    expect(await stack.payment.provider.retrieve(row.providerRef!)).toEqual({ providerRef: row.providerRef, status: "succeeded", failureCode: null });
  });

  it("answers a repeated request with the same payment and secret, and charges once", async () => {
    const charge = vi.spyOn(stack.payment.provider, "charge");
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const key = randomUUID();

    const first = await stack.query(PAY, { o: order.id, t: "tok_threeDSecureRequired", k: key }, payer);
    const again = await stack.query(PAY, { o: order.id, t: "tok_threeDSecureRequired", k: key }, payer);

    expect(again.data).toEqual(first.data);
    expect(charge).toHaveBeenCalledTimes(1);
    charge.mockRestore();
  });
});

describe("the test provider's charges", () => {
  it("cancel one waiting for the customer: canceled, its completion dropped, and charge.canceled fails the payment", async () => {
    const { row, payer, order } = await payWith3ds();

    expect(await stack.payment.provider.cancel(row.providerRef!)).toEqual({ providerRef: row.providerRef, status: "canceled", failureCode: null });
    await customerCompletes(row.providerRef!);

    await vi.waitFor(async () => expect((await stack.payment.db.payment.findUnique({ where: { id: row.id } }))!.status).toBe("FAILED"), { timeout: 5000 });
    expect(await stack.payment.db.payment.findUnique({ where: { id: row.id } })).toMatchObject({ failureCode: "PAYMENT_CANCELED", clientSecret: null });
    expect(await stack.payment.provider.retrieve(row.providerRef!)).toMatchObject({ status: "canceled" });
    // Only the cancellation went out: the customer's completion was dropped.
    const sent = await stack.payment.db.testProviderWebhook.findMany({ where: { providerRef: row.providerRef! } });
    expect(sent.map((w) => JSON.parse(w.payload).type)).toEqual(["charge.canceled"]);
    // The order is free to be paid again: a new payment is made (refused at once for its made-up token).
    const again = await stack.query(PAY, { o: order.id, t: "tok_madeUp", k: randomUUID() }, payer);
    expect(again.data.payOrder.payment).toMatchObject({ status: "FAILED", failureCode: "INVALID_PAYMENT_METHOD" });
  });

  it("answer cancel of a charge already decided with its state, unchanged", async () => {
    const charged = await stack.payment.provider.charge({ paymentId: randomUUID(), amountMinor: 100, currencyCode: "USD", token: "tok_visa", idempotencyKey: randomUUID() });
    expect(charged.status).toBe("processing");
    expect(await stack.payment.provider.cancel(charged.providerRef)).toEqual({ providerRef: charged.providerRef, status: "succeeded", failureCode: null });
  });

  it("retrieve a decided charge before its webhook went out, and a declined one with its code", async () => {
    const request = { paymentId: randomUUID(), amountMinor: 100, currencyCode: "USD", idempotencyKey: randomUUID() };
    const declined = await stack.payment.provider.charge({ ...request, token: "tok_insufficientFunds" });
    expect(await stack.payment.provider.retrieve(declined.providerRef)).toEqual({ providerRef: declined.providerRef, status: "failed", failureCode: "INSUFFICIENT_FUNDS" });
  });

  it("refund once per idempotency key: the same key answers the same refund", async () => {
    const charged = await stack.payment.provider.charge({ paymentId: randomUUID(), amountMinor: 300, currencyCode: "USD", token: "tok_visa", idempotencyKey: randomUUID() });
    const key = randomUUID();

    // Both queue on the charge's row lock, so both are inside the refund at once.
    const [first, second] = await whileHolding(
      stack.payment.db,
      (tx) => tx.$queryRaw`SELECT 1 FROM "payment"."test_provider_charge" WHERE "provider_ref" = ${charged.providerRef} FOR UPDATE`,
      2,
      () => Promise.all([1, 2].map(() => stack.payment.provider.refund({ providerRef: charged.providerRef, amountMinor: 300, idempotencyKey: key }))),
    );

    expect(second).toEqual(first);
    expect(await stack.payment.db.testProviderRefund.count({ where: { providerRef: charged.providerRef } })).toBe(1);
    expect(await stack.payment.provider.retrieve(charged.providerRef)).toMatchObject({ status: "refunded" });
    await expect(stack.payment.provider.refund({ providerRef: charged.providerRef, amountMinor: 300, idempotencyKey: randomUUID() })).rejects.toThrow(/refunded/);
  });
});
