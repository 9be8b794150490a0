import { describe, it, expect } from "vitest";
import { DomainError } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import { anonymous, serviceIdentity, type Identity } from "@trolley/identity";
import type { OrderClient } from "../src/clients/order.client.js";
import { PayOrderService, type PayOrderInput } from "../src/payment/pay-order.service.js";
import type { PaymentSettlement } from "../src/payment/payment-settlement.js";
import type { PaymentStore } from "../src/payment/payment.store.js";
import { canResolvePaymentReference, canSeePayment, clientSecretFor, latestPaymentStatus, paymentsVisibleTo } from "../src/payment/payment-visibility.rules.js";
import { providerChargeChange } from "../src/payment/provider-charge-change.rules.js";
import { PaymentStatus } from "../src/payment/payment.type.js";
import type { PaymentProvider } from "../src/providers/payment-provider.js";

const user = (subject: string): Identity => ({ kind: "user", subject, roles: ["customer"] });
const admin: Identity = { kind: "user", subject: "admin-1", roles: ["admin"] };

const payment = (id: string, userId: string, iso: string, status = PaymentStatus.FAILED) => ({ id, userId, createdAt: new Date(iso), status });

async function userErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).errors;
}

const valid = { orderId: "o-1", paymentMethodToken: "tok_visa", idempotencyKey: "key-1" };

describe("who may see a payment", () => {
  it("lets the payer and an admin see it, and no one else", () => {
    expect(canSeePayment(user("u1"), { userId: "u1" })).toBe(true);
    expect(canSeePayment(admin, { userId: "u1" })).toBe(true);
    expect(canSeePayment(user("u2"), { userId: "u1" })).toBe(false);
    expect(canSeePayment(anonymous, { userId: "u1" })).toBe(false);
    expect(canSeePayment(serviceIdentity("order"), { userId: "u1" })).toBe(false);
  });

  it("resolves references for the payer, an admin and other services", () => {
    expect(canResolvePaymentReference(user("u1"), { userId: "u1" })).toBe(true);
    expect(canResolvePaymentReference(admin, { userId: "u1" })).toBe(true);
    expect(canResolvePaymentReference(serviceIdentity("order"), { userId: "u1" })).toBe(true);
    expect(canResolvePaymentReference(user("u2"), { userId: "u1" })).toBe(false);
  });
});

describe("who may see a payment's client secret", () => {
  const waiting = { userId: "u1", status: PaymentStatus.REQUIRES_ACTION, storedClientSecret: "pi_1_secret_x" };

  it("is the payer, while the payment waits for the payer's action", () => {
    expect(clientSecretFor(user("u1"), waiting)).toBe("pi_1_secret_x");
    for (const status of [PaymentStatus.PROCESSING, PaymentStatus.SUCCEEDED, PaymentStatus.FAILED, PaymentStatus.REFUNDED]) {
      expect(clientSecretFor(user("u1"), { ...waiting, status })).toBeNull();
    }
  });

  it("is no one else: not an admin, another customer, another service or an anonymous caller", () => {
    for (const identity of [admin, user("u2"), serviceIdentity("order"), anonymous]) expect(clientSecretFor(identity, waiting)).toBeNull();
  });
});

describe("what a provider's statement about a charge changes", () => {
  it("maps each charge status to a move, or none while the provider has not decided", () => {
    expect(providerChargeChange({ status: "processing" })).toBeNull();
    expect(providerChargeChange({ status: "requires_action", clientSecret: "s" })).toEqual({ to: PaymentStatus.REQUIRES_ACTION, clientSecret: "s" });
    expect(providerChargeChange({ status: "succeeded" })).toEqual({ to: PaymentStatus.SUCCEEDED });
    expect(providerChargeChange({ status: "failed", failureCode: "CARD_DECLINED" })).toEqual({ to: PaymentStatus.FAILED, failureCode: "CARD_DECLINED" });
    expect(providerChargeChange({ status: "failed" })).toEqual({ to: PaymentStatus.FAILED, failureCode: "PAYMENT_FAILED" });
    expect(providerChargeChange({ status: "canceled" })).toEqual({ to: PaymentStatus.FAILED, failureCode: "PAYMENT_CANCELED" });
    expect(providerChargeChange({ status: "refunded" })).toEqual({ to: PaymentStatus.REFUNDED });
  });
});

describe("an order's payments", () => {
  const payments = [
    payment("p-3", "u1", "2026-11-20T12:00:00.000Z", PaymentStatus.SUCCEEDED),
    payment("p-2", "u2", "2026-11-20T11:00:00.000Z"),
    payment("p-1", "u1", "2026-11-20T10:00:00.000Z"),
  ];

  it("lists the caller's own payments oldest first", () => {
    expect(paymentsVisibleTo(user("u1"), payments).map((p) => p.id)).toEqual(["p-1", "p-3"]);
  });

  it("lists every payment for an admin", () => {
    expect(paymentsVisibleTo(admin, payments).map((p) => p.id)).toEqual(["p-1", "p-2", "p-3"]);
  });

  it("lists nothing for anyone else", () => {
    expect(paymentsVisibleTo(user("u3"), payments)).toEqual([]);
    expect(paymentsVisibleTo(anonymous, payments)).toEqual([]);
  });

  it("orders payments of the same millisecond by id", () => {
    const same = [payment("p-b", "u1", "2026-11-20T10:00:00.000Z"), payment("p-a", "u1", "2026-11-20T10:00:00.000Z")];
    expect(paymentsVisibleTo(user("u1"), same).map((p) => p.id)).toEqual(["p-a", "p-b"]);
  });

  it("has the status of the latest payment, or none before the first", () => {
    expect(latestPaymentStatus(payments)).toBe(PaymentStatus.SUCCEEDED);
    expect(latestPaymentStatus([payments[2]])).toBe(PaymentStatus.FAILED);
    expect(latestPaymentStatus([])).toBeNull();
  });
});

describe("payOrder's arguments", () => {
  // Refused before anything is read or written: every collaborator fails the test if it is touched.
  const untouchable = <T extends object>(name: string) =>
    new Proxy({} as T, {
      get: (_, property) => () => {
        throw new Error(`${name}.${String(property)} was called`);
      },
    });
  const service = new PayOrderService(
    untouchable<PaymentStore>("store"),
    untouchable<OrderClient>("orders"),
    untouchable<PaymentProvider>("provider"),
    untouchable<PaymentSettlement>("settlement"),
    untouchable<Clock>("clock"),
    { confirmWaitMs: 1000 },
  );
  const payOrder = (input: PayOrderInput) => service.pay("u1", input);

  it("refuses each blank or over-long argument as INVALID_ARGUMENT on that field", async () => {
    for (const name of ["orderId", "paymentMethodToken", "idempotencyKey"] as const) {
      for (const value of ["", " ", "x".repeat(101)]) {
        const errors = await userErrorsOf(payOrder({ ...valid, [name]: value }));
        expect(errors).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT", field: [name] })]);
      }
    }
  });

  it("reports every invalid argument at once", async () => {
    const errors = await userErrorsOf(payOrder({ orderId: "", paymentMethodToken: "tok_visa", idempotencyKey: "x".repeat(101) }));
    expect(errors.map((e) => e.field)).toEqual([["orderId"], ["idempotencyKey"]]);
  });
});
