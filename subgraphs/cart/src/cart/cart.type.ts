import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Address, UserError } from "@trolley/federation";
import { ShippingSelection } from "../choices/choices.type.js";

export enum CartStatus {
  ACTIVE = "ACTIVE",
  MERGED = "MERGED",
  CHECKED_OUT = "CHECKED_OUT",
}
registerEnumType(CartStatus, { name: "CartStatus" });

/** A reference to the catalog's product: the cart knows only its id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The product's id, from the cart itself: answers even when the catalog is unavailable." })
  productId!: string;

  // Nullable so that a catalog outage empties only this field, not the whole cart (GraphQL's null
  // propagation stops at the first nullable parent).
  @Field(() => Product, { nullable: true, description: "Null (with an error naming the catalog) when the catalog is unavailable." })
  product!: Product;

  @Field(() => Int)
  quantity!: number;

  // For the pricing subgraph, whose line fields are computed from the whole cart (@requires).
  @Field(() => Cart, { description: "Internal: the cart this line belongs to." })
  @Directive("@inaccessible")
  cart?: Cart;

  /** Not a GraphQL field: resolves `cart` when the line was reached on its own. */
  cartId!: string;
}

@ObjectType({ description: "One entry of a cart's audit trail (the events it published)." })
export class CartEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      "CartItemAdded, CartItemRemoved, CartItemQuantityChanged, CartCleared, CartMerged, CartAbandoned, CartCheckedOut, PromoCodeApplied, PromoCodeRemoved, ServiceAdded, ServiceRemoved, CartEmailProvided, ShippingAddressProvided, ShippingMethodSelected or DeliveryDateSelected.",
  })
  type!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: "The cart's owner when it happened (a user id or guest:<id>)." })
  userId!: string | null;

  @Field(() => GraphQLJSONObject)
  data!: Record<string, unknown>;

  @Field(() => Date, { nullable: true, description: "When it reached the cart-events stream; null while waiting." })
  publishedAt!: Date | null;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Cart {
  @Field(() => ID)
  id!: string;

  @Field(() => CartStatus)
  status!: CartStatus;

  @Field(() => [CartLine])
  lines!: CartLine[];

  @Field(() => Int, { description: "Sum of the lines' quantities (saved items excluded)." })
  totalQuantity!: number;

  @Field(() => [CartLine], { description: "Lines saved for later: not in lines, totalQuantity or cost." })
  savedForLater!: CartLine[];

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { description: "The owner's last change to this cart." })
  lastActivityAt!: Date;

  @Field(() => Boolean, { description: "No activity for the configured time (24 h by default); any change clears it." })
  abandoned!: boolean;

  @Field(() => Int, { description: "Internal: incremented by every change; checkout records the version it ordered." })
  @Directive("@inaccessible")
  version!: number;

  @Field(() => [String], { description: "Internal: the discount codes the shopper entered, as entered, in entry order (read by pricing)." })
  @Directive("@inaccessible")
  discountCodeEntries!: string[];

  @Field(() => String, { nullable: true, description: "Where order confirmations go; required at checkout for guests." })
  email!: string | null;

  @Field(() => Address, { nullable: true, description: "Where to deliver; null until the shopper gives one." })
  shippingAddress!: Address | null;

  @Field(() => ShippingSelection, {
    nullable: true,
    description: "Internal: the shipping option, delivery day and add-ons the shopper chose (read by the shipping context and checkout); null when none.",
  })
  @Directive("@inaccessible")
  shippingSelection!: ShippingSelection | null;

  /** Not a GraphQL field: the owner, for the audit resolver's access rule. */
  ownerId!: string;
}

@ObjectType()
export class CartPayload {
  @Field(() => Cart)
  cart!: Cart;

  @Field(() => [UserError], { description: "Refusals: the change was not made and the cart is as it was." })
  userErrors!: UserError[];

  @Field(() => [UserError], {
    description: "The change was made, with something the shopper should know (a quantity capped, a code that stopped applying).",
  })
  warnings!: UserError[];
}

@InputType()
export class CartLineInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}

// An ArgsType keeps the arguments in the contract's order (separate @Arg parameters print reversed).
@ArgsType()
export class LineArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}
