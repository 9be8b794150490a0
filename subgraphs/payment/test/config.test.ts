import { describe, expect, it } from "vitest";
import { ConfigError } from "@trolley/config";
import { readPaymentConfig } from "../src/config.js";

describe("payment settings", () => {
  it("default to the local development values", () => {
    expect(readPaymentConfig({})).toMatchObject({
      ORDER_URL: "http://127.0.0.1:4003/graphql",
      ORDER_TIMEOUT_MS: 2000,
      PAYMENT_CONFIRM_WAIT: 5000,
      PAYMENT_WEBHOOK_URL: "http://127.0.0.1:4004/webhooks/test",
      PAYMENT_WEBHOOK_SECRET: "dev-webhook-secret-change-me",
      OUTBOX_POLL_INTERVAL: 1000,
    });
  });

  it("refuse the development webhook secret in production", () => {
    const production = { NODE_ENV: "production", INTERNAL_SECRET: "a-real-internal-secret-of-32-bytes-or-more" };
    expect(() => readPaymentConfig(production)).toThrow(ConfigError);
    expect(() => readPaymentConfig(production)).toThrow(/PAYMENT_WEBHOOK_SECRET/);
    expect(readPaymentConfig({ ...production, PAYMENT_WEBHOOK_SECRET: "a-real-webhook-secret-of-32-bytes-or-more" }).PAYMENT_WEBHOOK_SECRET).toBe("a-real-webhook-secret-of-32-bytes-or-more");
  });

  it("refuse a short webhook secret and a wait that is not a duration", () => {
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET: "short" })).toThrow(ConfigError);
    expect(() => readPaymentConfig({ PAYMENT_CONFIRM_WAIT: "soon" })).toThrow(ConfigError);
  });
});
