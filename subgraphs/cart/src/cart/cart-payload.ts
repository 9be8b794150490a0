// How every cart change reads as a CartPayload: the changed cart with its warnings, or, for an
// expected refusal, the cart as it is with the refusal's userErrors.
import { DomainError, unauthenticated } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireCaller } from "@trolley/identity";
import type { CartContext } from "../context.js";
import type { ChangedCart } from "./cart-changes.js";
import { toCart } from "./cart.mapping.js";
import type { CartPayload } from "./cart.type.js";

/** Outages of the services a change asks first, logged as they are refused. */
const outages: Record<string, string> = {
  CATALOG_UNAVAILABLE: "catalog unavailable",
  PRICING_UNAVAILABLE: "pricing unavailable",
  SHIPPING_UNAVAILABLE: "shipping unavailable",
};

export async function cartPayload(ctx: CartContext, change: (owner: string) => Promise<ChangedCart>): Promise<CartPayload> {
  const caller = requireCaller(ctx.identity);
  if (caller.kind === "guest" && !ctx.guestCarts) throw unauthenticated("Sign in to use the cart.");
  try {
    const changed = await change(caller.subject);
    // A later mutation of the same request must not read the codes or services an earlier one saw.
    ctx.loaders.discountCodesOfCart.clear(changed.cart.id);
    ctx.loaders.serviceLinesOfCart.clear(changed.cart.id);
    return { cart: toCart(changed), userErrors: [], warnings: changed.warnings.map(UserError.from) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const outage = outages[error.code];
    if (outage) ctx.logger.warn(outage, { reason: String((error as { reason?: string }).reason) });
    return { cart: toCart(await ctx.carts.current(caller.subject)), userErrors: error.errors.map(UserError.from), warnings: [] };
  }
}
