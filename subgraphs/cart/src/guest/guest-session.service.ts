// Guests shop without an account: a signed token with a random `guest:` subject owns their cart.
// This starts their sessions and reads their tokens back. With GUEST_CARTS=off there is nothing a
// guest could do, so no guest session is started at all.
import { GraphQLError } from "graphql";
import { DomainError, type RequestErrorCode } from "@trolley/errors";
import { signGuestToken, verifyAccessToken, type TokenSettings } from "@trolley/identity";
import type { GuestSession } from "./guest-session.type.js";

export interface GuestTokenSettings extends TokenSettings {
  /** Lifetime of a guest token. */
  ttlSeconds: number;
}

export class GuestSessionService {
  constructor(
    private readonly tokens: GuestTokenSettings,
    /** GUEST_CARTS=on. */
    private readonly enabled: boolean,
  ) {}

  /** A new guest identity with its own cart. */
  start(): Promise<GuestSession> {
    if (!this.enabled) {
      const code: RequestErrorCode = "GUEST_SESSIONS_DISABLED";
      throw new GraphQLError("This shop has no guest sessions: sign in to use the cart.", { extensions: { code } });
    }
    return signGuestToken(this.tokens, this.tokens.ttlSeconds);
  }

  /** The guest (its `guest:` subject) a guest token of ours stands for; GUEST_TOKEN_INVALID for any other token. */
  async guestOf(token: string): Promise<string> {
    const identity = await verifyAccessToken(token, this.tokens).catch(() => null);
    if (identity?.kind !== "guest") throw new DomainError("GUEST_TOKEN_INVALID", "That is not a valid guest token.", ["guestToken"]);
    return identity.subject;
  }
}
