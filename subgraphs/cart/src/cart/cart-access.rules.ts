// Who may see a cart, however it is reached (a query or another subgraph's reference): its owner,
// or another Trolley service. A plain function of the caller and the cart's owner.
import type { Identity } from "@trolley/identity";

export const mayReadCart = (identity: Identity, ownerId: string): boolean =>
  identity.kind === "service" || ((identity.kind === "user" || identity.kind === "guest") && identity.subject === ownerId);
