// The entities pricing contributes fields to, as pricing knows them: the cart's Cart, CartLine and
// CartServiceLine, the catalog's Product and ServiceOffer, and shipping's SelectedShipping, each
// with only its key (if it has one) and the external fields pricing reads. The
// gateway fetches those (@requires) and hands them over with the reference (cart.reference.ts);
// the priced fields themselves resolve from the cart's one quote (cart-cost.resolver.ts).
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Address, Money } from "@trolley/federation";
import type { TaxCategory as TaxCategoryValue } from "../quote/index.js";
import { Discount } from "@trolley/federation";
import { CartCost, CartDiscountCode, CartLineCost } from "./cost.type.js";

export enum TaxCategory {
  STANDARD = "STANDARD",
  REDUCED = "REDUCED",
  ZERO = "ZERO",
}
registerEnumType(TaxCategory, { name: "TaxCategory", description: "Which of a place's tax rates applies to a product." });

/** What a service line carries for its own subtotal: its quantity and the catalog's price of its service. */
const SERVICE_LINE_FIELDS = "quantity service { price { amount currencyCode } }";

/**
 * What a cart must carry for its quote: the fields of the cart's @requires below. The services
 * sold with the goods and the selected shipping's price are the cart's alone: a line's part of the
 * quote does not depend on them, so LINE_FIELDS leaves them out.
 */
const CART_FIELDS =
  "discountCodeEntries lines { id quantity product { id price { amount currencyCode } taxCategory category { id } } } shippingAddress { countryCode provinceCode } " +
  `serviceLines { id lineId ${SERVICE_LINE_FIELDS} } selectedShipping { price { amount currencyCode } }`;

/**
 * What a line carries for its part of the quote: its own product's data and, of its cart, only what
 * the cart itself answers (the codes, which lines it holds, where it ships: a line's tax is the
 * place's). The gateway sends all of a cart's
 * lines in one batch, so pricing assembles the cart from the batch (cartsOfLines) instead of
 * every line carrying every other line's product: linear in the lines, not quadratic.
 */
const LINE_FIELDS = "quantity product { id price { amount currencyCode } taxCategory category { id } } cart { id discountCodeEntries lines { id } shippingAddress { countryCode provinceCode } }";

/** The catalog's Category: pricing reads only its id (a promotion may target a category). */
@ObjectType()
export class Category {
  @Field(() => ID)
  @Directive("@external")
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => Money)
  @Directive("@external")
  price!: Money;

  @Field(() => TaxCategory)
  @Directive("@external")
  taxCategory!: TaxCategoryValue;

  @Field(() => Category, { nullable: true })
  @Directive("@external")
  category!: Category | null;
}

/** The catalog's ServiceOffer: pricing reads only its price. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class ServiceOffer {
  @Field(() => ID)
  id!: string;

  @Field(() => Money)
  @Directive("@external")
  price!: Money;
}

/** Shipping's SelectedShipping (a value): pricing reads only its price, the option plus add-ons. */
@ObjectType()
export class SelectedShipping {
  @Field(() => Money)
  @Directive("@external")
  price!: Money;
}

/** A line as the gateway represents it: the product is null when the catalog could not answer. */
export interface RequiredLine {
  id: string;
  quantity: number;
  product: Pick<Product, "id" | "price" | "taxCategory" | "category"> | null;
}

/** Where the cart ships to, as far as tax is concerned; null before the shopper gives an address. */
export type RequiredAddress = { countryCode: string; provinceCode: string | null } | null;

/** A service line as the gateway represents it, with the fields of SERVICE_LINE_FIELDS: the service is null when the catalog could not answer. */
export interface RequiredServiceLine {
  id: string;
  quantity: number;
  service: { price: Money | null } | null;
}

/** A service line as a cart's representation carries it: with the line it goes with (null for a standalone one). */
export interface RequiredCartServiceLine extends RequiredServiceLine {
  lineId: string | null;
}

/** A cart as the gateway represents it, with the fields of CART_FIELDS. */
export interface RequiredCart {
  id: string;
  discountCodeEntries: string[];
  lines: RequiredLine[];
  shippingAddress: RequiredAddress;
  serviceLines: RequiredCartServiceLine[];
  /** Null when nothing is selected or the selection no longer fits the cart. */
  selectedShipping: { price: Money } | null;
}

/** A line as the gateway represents it, with the fields of LINE_FIELDS. */
export interface RequiredCartLine extends RequiredLine {
  cart: { id: string; discountCodeEntries: string[]; lines: { id: string }[]; shippingAddress: RequiredAddress };
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @Directive("@external")
  quantity!: number;

  @Field(() => Product, { nullable: true })
  @Directive("@external")
  product!: Product | null;

  @Field(() => Cart)
  @Directive("@external")
  cart!: RequiredCartLine["cart"];

  @Field(() => Money, { nullable: true, description: "Catalog price times quantity, before discounts; null when pricing is unavailable." })
  @Directive(`@requires(fields: "${LINE_FIELDS}")`)
  subtotal!: Money | null;

  @Field(() => CartLineCost, { nullable: true, description: "This line's part of the cart's quote; null (with an error) when it cannot be priced." })
  @Directive(`@requires(fields: "${LINE_FIELDS}")`)
  cost!: CartLineCost | null;

  @Field(() => [Discount], { nullable: true, description: "Promotions allocated to this line." })
  @Directive(`@requires(fields: "${LINE_FIELDS}")`)
  discounts!: Discount[] | null;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CartServiceLine {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  lineId!: string | null;

  @Field(() => Int)
  @Directive("@external")
  quantity!: number;

  @Field(() => ServiceOffer, { nullable: true })
  @Directive("@external")
  service!: ServiceOffer | null;

  @Field(() => Money, { nullable: true, description: "The service's price times quantity; null (with an error) when the catalog is unavailable." })
  @Directive(`@requires(fields: "${SERVICE_LINE_FIELDS}")`)
  subtotal!: Money | null;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Cart {
  @Field(() => ID)
  id!: string;

  @Field(() => [CartLine])
  @Directive("@external")
  lines!: RequiredLine[];

  @Field(() => [String])
  @Directive("@external")
  discountCodeEntries!: string[];

  @Field(() => Address, { nullable: true })
  @Directive("@external")
  shippingAddress!: RequiredAddress;

  @Field(() => [CartServiceLine])
  @Directive("@external")
  serviceLines!: RequiredCartServiceLine[];

  @Field(() => SelectedShipping, { nullable: true })
  @Directive("@external")
  selectedShipping!: RequiredCart["selectedShipping"];

  @Field(() => CartCost, { nullable: true, description: "The cart's quote; null (with an error) when pricing is unavailable, the lines still answer." })
  @Directive(`@requires(fields: "${CART_FIELDS}")`)
  cost!: CartCost | null;

  @Field(() => [CartDiscountCode], { nullable: true, description: "Codes the shopper entered, each with whether it applies now." })
  @Directive(`@requires(fields: "${CART_FIELDS}")`)
  discountCodes!: CartDiscountCode[] | null;
}
