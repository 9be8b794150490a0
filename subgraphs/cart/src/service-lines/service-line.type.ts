// GraphQL types of the services a cart holds. CartServiceLine is an entity the cart owns (pricing
// adds its subtotal from its quantity and the service's price); ServiceOffer is the catalog's, of
// which the cart knows only the id.
import { ArgsType, Directive, Field, ID, Int, ObjectType } from "type-graphql";

/** A reference to the catalog's service offer: the cart knows only its id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class ServiceOffer {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "A service the shopper added: to one of the cart's lines, or to the cart itself (standalone)." })
@Directive('@key(fields: "id")')
export class CartServiceLine {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The service's id, from the cart itself: answers even when the catalog is unavailable." })
  serviceId!: string;

  // Nullable so that a catalog outage empties only this field (as CartLine.product).
  @Field(() => ServiceOffer, { nullable: true, description: "Null (with an error naming the catalog) when the catalog is unavailable." })
  service!: ServiceOffer | null;

  @Field(() => ID, { nullable: true, description: "The cart line it belongs to; null for a standalone service." })
  lineId!: string | null;

  @Field(() => Int, { description: "Follows its line's quantity; 1 for a standalone service." })
  quantity!: number;
}

// An ArgsType keeps the arguments in the contract's order (separate @Arg parameters print reversed).
@ArgsType()
export class AddServiceArgs {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => ID, { nullable: true, description: "The cart line a FOR_LINE service goes with; left out for a STANDALONE service." })
  lineId?: string | null;
}
