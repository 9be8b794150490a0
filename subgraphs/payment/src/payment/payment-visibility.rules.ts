// Who may see a payment (its payer and admins; other services when they resolve a reference), who
// may see its client secret, and which payments of an order a caller sees, in what order. Pure: the
// payment service calls these with records and identities; tests call them with each case.
import { isAdmin, ownerOf, type Identity } from "@trolley/identity";
import { PaymentStatus } from "./payment.type.js";

/** A caller sees the payments it made; an admin sees every payment. */
export function canSeePayment(identity: Identity, payment: { userId: string }): boolean {
  if (isAdmin(identity)) return true;
  const owner = ownerOf(identity);
  return owner !== null && owner === payment.userId;
}

/** References also resolve for other services. */
export function canResolvePaymentReference(identity: Identity, payment: { userId: string }): boolean {
  return identity.kind === "service" || canSeePayment(identity, payment);
}

/**
 * The client secret completes the payment with the provider, so only the payer gets it (an admin
 * has no use for it), and only while the payment waits for the payer's action.
 */
export function clientSecretFor(identity: Identity, payment: { userId: string; status: PaymentStatus; storedClientSecret: string | null }): string | null {
  if (payment.status !== PaymentStatus.REQUIRES_ACTION) return null;
  const owner = ownerOf(identity);
  return owner !== null && owner === payment.userId ? payment.storedClientSecret : null;
}

type Dated = { id: string; createdAt: Date };

/** Oldest first; payments made in the same millisecond in id order, so the order is stable. */
const chronologically = (a: Dated, b: Dated) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The payments of an order the caller may see, oldest first. */
export function paymentsVisibleTo<T extends Dated & { userId: string }>(identity: Identity, payments: readonly T[]): T[] {
  return payments.filter((payment) => canSeePayment(identity, payment)).sort(chronologically);
}

/** The status of the latest payment, null when there is none. */
export function latestPaymentStatus(payments: readonly (Dated & { status: PaymentStatus })[]): PaymentStatus | null {
  return [...payments].sort(chronologically).at(-1)?.status ?? null;
}
