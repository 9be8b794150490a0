// What makes two checkout requests "the same": the cart's content. Pure, for the service and tests.
import { createHash } from "node:crypto";
import { DomainError } from "@trolley/errors";

export function cartContentHash(lines: { productId: string; quantity: number }[]): string {
  const canonical = [...lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => `${l.productId}:${l.quantity}`);
  return createHash("sha256").update(canonical.join("\n")).digest("hex");
}

/**
 * A key that already placed an order answers with that order when the request is a retry: the
 * cart is unchanged (its OrderCreated event not yet applied) or empty (it was). A cart with other
 * content means the key is being reused for a different purchase.
 */
export function isRetryOf(storedHash: string, currentLines: { productId: string; quantity: number }[]): boolean {
  return currentLines.length === 0 || cartContentHash(currentLines) === storedHash;
}

export const keyReused = () =>
  new DomainError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for a checkout of a different cart.", ["idempotencyKey"]);

/** The one currency of an order's lines; a cart priced in two currencies cannot become one order. */
export function orderCurrency(lines: { currencyCode: string }[]): string {
  const currencies = new Set(lines.map((line) => line.currencyCode));
  if (currencies.size !== 1) {
    throw new DomainError("CURRENCY_MISMATCH", `The cart's products are priced in ${[...currencies].sort().join(" and ")}; an order has one currency.`);
  }
  return lines[0].currencyCode;
}
