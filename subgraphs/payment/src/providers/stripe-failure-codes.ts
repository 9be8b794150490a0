// Stripe's reasons for refusing a charge (its error `code` and the issuer's `decline_code`, also on a
// PaymentIntent's last_payment_error) in our failure codes. Anything not named here is PAYMENT_FAILED.

/** The fields of a Stripe error (or last_payment_error) that say why. */
export interface StripeFailure {
  code?: string | null;
  decline_code?: string | null;
  param?: string | null;
}

// Issuer decline codes that mean there is no money, as opposed to a refusal of the card.
const NO_FUNDS = new Set(["insufficient_funds", "withdrawal_count_limit_exceeded", "card_velocity_exceeded"]);

// Error codes that mean the card itself was refused (by the issuer or by Stripe's checks on it).
const CARD_REFUSED = new Set([
  "card_declined",
  "expired_card",
  "incorrect_cvc",
  "invalid_cvc",
  "incorrect_number",
  "invalid_number",
  "invalid_expiry_month",
  "invalid_expiry_year",
  "incorrect_zip",
  "card_decline_rate_limit_exceeded",
  "authentication_required",
]);

// Error codes that mean the payment method token cannot be used at all.
const UNUSABLE_METHOD = new Set([
  "payment_method_unactivated",
  "payment_method_unexpected_state",
  "payment_method_invalid_parameter",
  "payment_method_not_available",
  "payment_intent_incompatible_payment_method",
  "payment_method_provider_decline",
]);

export function failureCodeOf(failure: StripeFailure): string {
  if ((failure.decline_code && NO_FUNDS.has(failure.decline_code)) || failure.code === "insufficient_funds") return "INSUFFICIENT_FUNDS";
  if (failure.code && CARD_REFUSED.has(failure.code)) return "CARD_DECLINED";
  // resource_missing on payment_method: no such PaymentMethod (a made-up or another account's token).
  if ((failure.code && UNUSABLE_METHOD.has(failure.code)) || (failure.code === "resource_missing" && failure.param === "payment_method")) return "INVALID_PAYMENT_METHOD";
  return "PAYMENT_FAILED";
}
