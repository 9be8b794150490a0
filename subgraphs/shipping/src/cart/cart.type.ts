// The entities shipping contributes fields to, as shipping knows them: the cart's Cart and
// CartLine and the catalog's Product, each with only its key and the external fields shipping
// reads. The gateway fetches those (@requires) and hands them over with the reference
// (cart.reference.ts); the fields themselves resolve from the cart's offers (cart-shipping.resolver.ts).
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Address, Money, ShippingSelection } from "@trolley/federation";
import { SelectedShipping, ShippingOption } from "./shipping-option.type.js";

/** What a cart must carry for its options: its lines' weights and prices, and where it goes. */
const CART_FIELDS = "lines { quantity product { id weightGrams price { amount currencyCode } } } shippingAddress { countryCode provinceCode postalCode }";

/** And for what the shopper selected: the stored selection too. */
const SELECTION_FIELDS = `shippingSelection { optionId deliveryDate addOnIds } ${CART_FIELDS}`;

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @Directive("@external")
  weightGrams!: number;

  @Field(() => Money)
  @Directive("@external")
  price!: Money;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @Directive("@external")
  quantity!: number;

  @Field(() => Product, { nullable: true })
  @Directive("@external")
  product!: Product | null;
}


/** A line as the gateway represents it: the product is null when the catalog could not answer. */
export interface RequiredLine {
  quantity: number;
  product: { id: string; weightGrams: number | null; price: { amount: string; currencyCode: string } | null } | null;
}

/** A cart as the gateway represents it, with the fields of CART_FIELDS (and SELECTION_FIELDS). */
export interface RequiredCart {
  id: string;
  lines: RequiredLine[];
  shippingAddress: { countryCode: string; provinceCode: string | null; postalCode: string } | null;
  shippingSelection?: { optionId: string; deliveryDate: string | null; addOnIds: string[] } | null;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Cart {
  @Field(() => ID)
  id!: string;

  @Field(() => [CartLine])
  @Directive("@external")
  lines!: RequiredLine[];

  @Field(() => Address, { nullable: true })
  @Directive("@external")
  shippingAddress!: RequiredCart["shippingAddress"];

  @Field(() => ShippingSelection, { nullable: true })
  @Directive("@external")
  shippingSelection!: RequiredCart["shippingSelection"];

  @Field(() => [ShippingOption], { nullable: true, description: "What can ship this cart to its address (or to the default country before one is set)." })
  @Directive(`@requires(fields: "${CART_FIELDS}")`)
  shippingOptions!: ShippingOption[] | null;

  @Field(() => SelectedShipping, { nullable: true, description: "The shopper's selection, priced now; null when there is none or it no longer fits the cart (checkout refuses it then)." })
  @Directive(`@requires(fields: "${SELECTION_FIELDS}")`)
  selectedShipping!: SelectedShipping | null;
}
