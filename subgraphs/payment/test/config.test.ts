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
    // The webhook secret signs the test provider's webhooks, which production runs only on purpose.
    const production = { NODE_ENV: "production", INTERNAL_SECRET: "a-real-internal-secret-of-32-bytes-or-more", ALLOW_TEST_PAYMENTS: "on" };
    expect(() => readPaymentConfig(production)).toThrow(ConfigError);
    expect(() => readPaymentConfig(production)).toThrow(/PAYMENT_WEBHOOK_SECRET/);
    expect(readPaymentConfig({ ...production, PAYMENT_WEBHOOK_SECRET: "a-real-webhook-secret-of-32-bytes-or-more" }).PAYMENT_WEBHOOK_SECRET).toBe("a-real-webhook-secret-of-32-bytes-or-more");
  });

  it("refuse the test provider in production unless ALLOW_TEST_PAYMENTS=on says so on purpose", () => {
    const production = { NODE_ENV: "production", INTERNAL_SECRET: "a-real-internal-secret-of-32-bytes-or-more", PAYMENT_WEBHOOK_SECRET: "a-real-webhook-secret-of-32-bytes-or-more" };
    expect(() => readPaymentConfig(production)).toThrow(ConfigError);
    expect(() => readPaymentConfig(production)).toThrow(/PAYMENT_PROVIDER: the test provider accepts made-up cards.*ALLOW_TEST_PAYMENTS=on/);
    expect(() => readPaymentConfig({ ...production, ALLOW_TEST_PAYMENTS: "off" })).toThrow(/PAYMENT_PROVIDER/);
    expect(readPaymentConfig({ ...production, ALLOW_TEST_PAYMENTS: "on" }).PAYMENT_PROVIDER).toBe("test");
    // Outside production the test provider is the default.
    expect(readPaymentConfig({}).PAYMENT_PROVIDER).toBe("test");
  });

  it("list every problem at once: the test provider and a development secret in production", () => {
    let problems: string[] = [];
    try {
      readPaymentConfig({ NODE_ENV: "production", INTERNAL_SECRET: "a-real-internal-secret-of-32-bytes-or-more" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^PAYMENT_PROVIDER:/), expect.stringMatching(/^PAYMENT_WEBHOOK_SECRET: set a real secret in production/)]);
  });

  it("start stripe only with its secret key and webhook secret", () => {
    const stripe = { PAYMENT_PROVIDER: "stripe" };
    let problems: string[] = [];
    try {
      readPaymentConfig(stripe);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual(["STRIPE_SECRET_KEY: required when PAYMENT_PROVIDER=stripe", "STRIPE_WEBHOOK_SECRET: required when PAYMENT_PROVIDER=stripe"]);
    expect(() => readPaymentConfig({ ...stripe, STRIPE_SECRET_KEY: "pk_live_public", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow(/STRIPE_SECRET_KEY: must be a Stripe secret key/);
    expect(() => readPaymentConfig({ ...stripe, STRIPE_SECRET_KEY: "sk_test_123", STRIPE_WEBHOOK_SECRET: "secret" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const keys = { ...stripe, STRIPE_SECRET_KEY: "sk_live_123", STRIPE_WEBHOOK_SECRET: "whsec_123", STRIPE_API_URL: "http://127.0.0.1:12111" };
    expect(readPaymentConfig(keys)).toMatchObject({ PAYMENT_PROVIDER: "stripe", STRIPE_API_URL: "http://127.0.0.1:12111" });
    // Stripe in production needs no test-provider webhook secret and no ALLOW_TEST_PAYMENTS.
    expect(readPaymentConfig({ ...keys, NODE_ENV: "production", INTERNAL_SECRET: "a-real-internal-secret-of-32-bytes-or-more" }).PAYMENT_PROVIDER).toBe("stripe");
  });

  it("refuse a short webhook secret and a wait that is not a duration", () => {
    expect(() => readPaymentConfig({ PAYMENT_WEBHOOK_SECRET: "short" })).toThrow(ConfigError);
    expect(() => readPaymentConfig({ PAYMENT_CONFIRM_WAIT: "soon" })).toThrow(ConfigError);
  });
});
