// Thin: a cart's shipping options and its selected shipping, each read from the cart's offers.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Money } from "@trolley/federation";
import type { ShippingContext } from "../context.js";
import { judgeSelection } from "../judgement/judge-selection.rules.js";
import { offersOfCart } from "./cart-offers.js";
import { Cart, type RequiredCart } from "./cart.type.js";
import { SelectedShipping, ShippingAddOn, ShippingOption } from "./shipping-option.type.js";

@Resolver(() => Cart)
export class CartShippingResolver {
  @FieldResolver(() => [ShippingOption], { nullable: true })
  async shippingOptions(@Root() cart: RequiredCart, @Ctx() ctx: ShippingContext): Promise<ShippingOption[]> {
    const { offers } = await offersOfCart(cart, ctx);
    return offers.map((offer) => ShippingOption.of(offer));
  }

  @FieldResolver(() => SelectedShipping, { nullable: true })
  async selectedShipping(@Root() cart: RequiredCart, @Ctx() ctx: ShippingContext): Promise<SelectedShipping | null> {
    const selection = cart.shippingSelection;
    if (!selection) return null;
    const { toShip, offers } = await offersOfCart(cart, ctx);
    if (!toShip) return null;
    const judged = judgeSelection(
      { offers, notOffered: new Map(), countryCode: toShip.destination.countryCode, currencyCode: toShip.currencyCode },
      { optionId: selection.optionId, deliveryDate: selection.deliveryDate ?? null, addOnIds: selection.addOnIds },
    );
    if (!judged.selected) return null;
    const offer = offers.find((candidate) => candidate.option.id === judged.selected!.optionId)!;
    const currencyCode = offer.option.currencyCode;
    return Object.assign(new SelectedShipping(), {
      option: ShippingOption.of(offer),
      deliveryDate: judged.selected.deliveryDate,
      addOns: judged.selected.addOns.map(({ id }) => ShippingAddOn.of(offer.addOns.find((addOn) => addOn.id === id)!, currencyCode)),
      price: Money.of(Number(judged.selected.totalMinor), currencyCode),
    });
  }
}
