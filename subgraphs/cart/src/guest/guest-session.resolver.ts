// Guests shop without an account: a signed token with a random `guest:` subject owns their cart.
// With GUEST_CARTS=off there is nothing a guest could do, so no guest session is started at all.
import { GraphQLError } from "graphql";
import { Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestErrorCode } from "@trolley/errors";
import { signGuestToken } from "@trolley/identity";
import type { CartContext } from "../context.js";
import { GuestSession } from "./guest-session.type.js";

@Resolver(() => GuestSession)
export class GuestSessionResolver {
  @Mutation(() => GuestSession, { description: "A new guest identity with its own cart." })
  startGuestSession(@Ctx() ctx: CartContext): Promise<GuestSession> {
    if (!ctx.guestCarts) {
      const code: RequestErrorCode = "GUEST_SESSIONS_DISABLED";
      throw new GraphQLError("This shop has no guest sessions: sign in to use the cart.", { extensions: { code } });
    }
    return signGuestToken(ctx.guestTokens, ctx.guestTokens.ttlSeconds);
  }
}
