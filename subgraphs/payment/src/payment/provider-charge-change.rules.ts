// What a provider's statement about a charge means for our payment: the change it asks for, or
// none. One mapping for the charge's own answer and for a charge retrieved later, so both agree.
import type { ProviderChargeStatus } from "../providers/payment-provider.js";
import type { PaymentChange } from "./payment-transitions.rules.js";
import { PaymentStatus } from "./payment.type.js";

export interface ProviderChargeState {
  status: ProviderChargeStatus;
  clientSecret?: string | null;
  failureCode?: string | null;
}

/** null: the provider has not decided yet (processing). */
export function providerChargeChange(charge: ProviderChargeState): PaymentChange | null {
  switch (charge.status) {
    case "processing":
      return null;
    case "requires_action":
      return { to: PaymentStatus.REQUIRES_ACTION, clientSecret: charge.clientSecret ?? null };
    case "succeeded":
      return { to: PaymentStatus.SUCCEEDED };
    case "failed":
      return { to: PaymentStatus.FAILED, failureCode: charge.failureCode ?? "PAYMENT_FAILED" };
    // A charge voided before it completed (3-D Secure never done): nothing was taken.
    case "canceled":
      return { to: PaymentStatus.FAILED, failureCode: "PAYMENT_CANCELED" };
    case "refunded":
      return { to: PaymentStatus.REFUNDED };
  }
}
