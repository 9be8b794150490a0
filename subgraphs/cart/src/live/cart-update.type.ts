import { Field, ObjectType } from "type-graphql";
import { Cart } from "../cart/cart.type.js";

@ObjectType({ description: "One push of the live cart: the caller's cart after a change, and why it was pushed." })
export class CartUpdate {
  @Field(() => Cart, { description: "The caller's cart as it is now, with every field the subscriber selected." })
  cart!: Cart;

  @Field(() => String, {
    description:
      "Why the cart was pushed: ITEM_ADDED, ITEM_REMOVED, QUANTITY_CHANGED, SAVED_FOR_LATER, MOVED_TO_CART, CLEARED, MERGED, CODE_CHANGED, EMAIL_CHANGED, SHIPPING_CHANGED, SERVICE_CHANGED, PRICE_CHANGED or CHECKED_OUT (with the new empty cart).",
  })
  cause!: string;
}
