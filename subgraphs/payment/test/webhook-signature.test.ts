import { describe, expect, it } from "vitest";
import { parseWebhookEvent } from "../src/webhooks/webhook-event.js";
import { signWebhook, verifyWebhookSignature } from "../src/webhooks/webhook-signature.js";

const secret = "whsec-test-secret-0123456789";
const body = Buffer.from(JSON.stringify({ id: "evt_1", type: "charge.succeeded", created: 1_800_000_000, data: { providerRef: "ch_1", paymentId: "p-1" } }));
const now = 1_800_000_000;

describe("webhook signatures", () => {
  it("verify the exact body signed with the secret at a time near ours", () => {
    expect(verifyWebhookSignature(signWebhook(body, secret, now), body, secret, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(signWebhook(body, secret, now - 299), body, secret, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(signWebhook(body, secret, now + 299), body, secret, now)).toEqual({ ok: true });
  });

  it("refuse another secret, another body or a changed timestamp", () => {
    expect(verifyWebhookSignature(signWebhook(body, "another-secret-0123456789", now), body, secret, now)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyWebhookSignature(signWebhook(body, secret, now), Buffer.from(`${body} `), secret, now).ok).toBe(false);
    const header = signWebhook(body, secret, now).replace(`t=${now}`, `t=${now + 1}`);
    expect(verifyWebhookSignature(header, body, secret, now).ok).toBe(false);
  });

  it("refuse a timestamp more than 5 minutes away, either way", () => {
    expect(verifyWebhookSignature(signWebhook(body, secret, now - 360), body, secret, now)).toEqual({ ok: false, reason: "timestamp outside tolerance" });
    expect(verifyWebhookSignature(signWebhook(body, secret, now + 360), body, secret, now)).toEqual({ ok: false, reason: "timestamp outside tolerance" });
  });

  it("refuse missing and malformed headers", () => {
    const v1 = signWebhook(body, secret, now).split(",")[1];
    for (const header of [undefined, "", "garbage", `t=${now}`, v1, `t=abc,${v1}`, `t=${now},v1=zz`, `t=${now},v1=${"a".repeat(63)}`, `t=${now}=1,${v1}`]) {
      expect(verifyWebhookSignature(header, body, secret, now).ok, String(header)).toBe(false);
    }
  });

  it("accept any one matching v1 among several (secret rotation)", () => {
    const good = signWebhook(body, secret, now).split(",")[1];
    const old = signWebhook(body, "old-secret-0123456789", now).split(",")[1];
    expect(verifyWebhookSignature(`t=${now},${old},${good}`, body, secret, now)).toEqual({ ok: true });
  });
});

describe("webhook events", () => {
  it("parse the provider's JSON", () => {
    expect(parseWebhookEvent(body)).toEqual({ id: "evt_1", type: "charge.succeeded", created: 1_800_000_000, data: { providerRef: "ch_1", paymentId: "p-1" } });
  });

  it("are refused when they are not of the documented shape", () => {
    const of = (value: unknown) => parseWebhookEvent(Buffer.from(JSON.stringify(value)));
    expect(parseWebhookEvent(Buffer.from("{not json"))).toBeNull();
    expect(of(null)).toBeNull();
    expect(of({ id: "evt_1", type: "charge.succeeded", created: "now", data: { providerRef: "ch_1", paymentId: "p-1" } })).toBeNull();
    expect(of({ id: "evt_1", type: "charge.succeeded", created: 1, data: { providerRef: "ch_1" } })).toBeNull();
    expect(of({ id: "", type: "charge.succeeded", created: 1, data: { providerRef: "ch_1", paymentId: "p-1" } })).toBeNull();
    expect(of({ id: "evt_1", type: "charge.failed", created: 1, data: { providerRef: "ch_1", paymentId: "p-1", failureCode: "<script>" } })).toBeNull();
  });
});
