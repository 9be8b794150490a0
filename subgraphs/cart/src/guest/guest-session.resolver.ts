// Guests shop without an account: a signed token with a random `guest:` subject owns their cart.
import { Ctx, Mutation, Resolver } from "type-graphql";
import { signGuestToken } from "@trolley/identity";
import type { CartContext } from "../context.js";
import { GuestSession } from "./guest-session.type.js";

@Resolver(() => GuestSession)
export class GuestSessionResolver {
  @Mutation(() => GuestSession, { description: "A new guest identity with its own cart." })
  startGuestSession(@Ctx() ctx: CartContext): Promise<GuestSession> {
    return signGuestToken(ctx.guestTokens, ctx.guestTokens.ttlSeconds);
  }
}
