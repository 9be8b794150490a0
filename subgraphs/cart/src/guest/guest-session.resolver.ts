// Thin: guest sessions are GuestSessionService's.
import { Ctx, Mutation, Resolver } from "type-graphql";
import type { CartContext } from "../context.js";
import { GuestSession } from "./guest-session.type.js";

@Resolver(() => GuestSession)
export class GuestSessionResolver {
  @Mutation(() => GuestSession, { description: "A new guest identity with its own cart." })
  startGuestSession(@Ctx() ctx: CartContext): Promise<GuestSession> {
    return ctx.guests.start();
  }
}
