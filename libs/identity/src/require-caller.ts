// The guard every per-caller field uses: carts, orders and payments belong to a signed-in user or
// a guest; anyone else gets a top-level UNAUTHENTICATED error.
import { unauthenticated } from "@trolley/errors";
import type { Identity } from "./identity.js";

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
