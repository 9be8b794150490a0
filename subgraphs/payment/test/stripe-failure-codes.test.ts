import { describe, expect, it } from "vitest";
import { failureCodeOf } from "../src/providers/stripe-failure-codes.js";

describe("Stripe's refusals in our failure codes", () => {
  it("tell no funds from a refused card by the issuer's decline code", () => {
    expect(failureCodeOf({ code: "card_declined", decline_code: "insufficient_funds" })).toBe("INSUFFICIENT_FUNDS");
    for (const decline of ["generic_decline", "do_not_honor", "lost_card", "stolen_card", "fraudulent"]) {
      expect(failureCodeOf({ code: "card_declined", decline_code: decline })).toBe("CARD_DECLINED");
    }
    for (const code of ["expired_card", "incorrect_cvc", "incorrect_number"]) expect(failureCodeOf({ code })).toBe("CARD_DECLINED");
  });

  it("name a payment method Stripe does not know or cannot use", () => {
    expect(failureCodeOf({ code: "resource_missing", param: "payment_method" })).toBe("INVALID_PAYMENT_METHOD");
    expect(failureCodeOf({ code: "payment_intent_incompatible_payment_method" })).toBe("INVALID_PAYMENT_METHOD");
    // resource_missing about something else is not the customer's payment method.
    expect(failureCodeOf({ code: "resource_missing", param: "customer" })).toBe("PAYMENT_FAILED");
  });

  it("are PAYMENT_FAILED otherwise", () => {
    expect(failureCodeOf({ code: "processing_error" })).toBe("PAYMENT_FAILED");
    expect(failureCodeOf({})).toBe("PAYMENT_FAILED");
  });
});
