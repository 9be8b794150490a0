// The guard every per-caller field uses: carts, orders and payments belong to a signed-in user or
// a guest; anyone else gets a top-level UNAUTHENTICATED error.
import { forbidden, unauthenticated } from "@trolley/errors";
import { isAdmin, type Identity } from "./identity.js";

export type Caller = Extract<Identity, { kind: "user" | "guest" }>;

export function requireCaller(identity: Identity, message = "Sign in, or start a guest session, to do this."): Caller {
  if (identity.kind === "user" || identity.kind === "guest") return identity;
  throw unauthenticated(message);
}

/** A signed-in user (not a guest), e.g. to merge a guest cart or to see orders. */
export function requireUser(identity: Identity, message = "Sign in to do this."): Extract<Identity, { kind: "user" }> {
  if (identity.kind === "user") return identity;
  throw unauthenticated(message);
}

// Role checks, the same way in every subgraph: one call at the top of the resolver, naming what the
// role is needed for. Who owns what (a caller's own order, say) is a domain rule, in the services.

/** An admin; anyone else is UNAUTHENTICATED (not signed in) or FORBIDDEN. `to`: "manage the catalog". */
export function requireAdmin(identity: Identity, to: string): Caller {
  const caller = requireCaller(identity, `Sign in as an admin to ${to}.`);
  if (!isAdmin(caller)) throw forbidden(`Only admins may ${to}.`);
  return caller;
}

/** Another Trolley service (the gateway's credential is not enough). `to`: "reserve stock". */
export function requireService(identity: Identity, to: string): void {
  if (identity.kind !== "service") throw forbidden(`Only services may ${to}.`);
}
