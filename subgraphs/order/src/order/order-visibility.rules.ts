// Who may see an order: its owner and admins, and other services when they resolve a reference.
// Pure: the order service (and cancel) call these with records and identities; tests call them with each case.
import { isAdmin, ownerOf, type Identity } from "@trolley/identity";

/** A caller sees its own orders; an admin sees every order. */
export function canSeeOrder(identity: Identity, order: { userId: string }): boolean {
  if (isAdmin(identity)) return true;
  const owner = ownerOf(identity);
  return owner !== null && owner === order.userId;
}

/** References also resolve for other services (e.g. payment reading an order's total). */
export function canResolveOrderReference(identity: Identity, order: { userId: string }): boolean {
  return identity.kind === "service" || canSeeOrder(identity, order);
}
