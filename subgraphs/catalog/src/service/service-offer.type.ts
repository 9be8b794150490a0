// GraphQL types of the services the shop sells with the goods. ServiceOffer is an entity the
// catalog owns: the cart's service lines refer to it by id, and the gateway resolves it here.
import { ArgsType, Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@trolley/federation";

export enum ServiceKind {
  FOR_LINE = "FOR_LINE",
  STANDALONE = "STANDALONE",
}
registerEnumType(ServiceKind, {
  name: "ServiceKind",
  description: "FOR_LINE: sold with one cart line, per unit of it (installation, assembly). STANDALONE: once per cart (gift wrap, SMS notice).",
});

/** The catalog's service_offer row as the resolvers see it (prices in minor units). */
export interface ServiceOfferRecord {
  id: string;
  title: string;
  description: string | null;
  kind: `${ServiceKind}`;
  priceMinor: number;
  currencyCode: string;
  active: boolean;
}

@ObjectType({ description: "A service sold with the goods: installation or assembly for one line, or standalone (gift wrap, SMS notice)." })
@Directive('@key(fields: "id")')
export class ServiceOffer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Money, { description: "Per unit of the line it belongs to (per cart for a standalone service)." })
  price!: Money;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  static from(record: ServiceOfferRecord): ServiceOffer {
    return Object.assign(new ServiceOffer(), {
      id: record.id,
      title: record.title,
      description: record.description,
      price: Money.of(record.priceMinor, record.currencyCode),
      kind: record.kind as ServiceKind,
    });
  }
}

@ObjectType({ description: "Services only: whether a service may be added to a cart line of a product, or to a cart alone." })
@Directive("@inaccessible")
export class ServiceAvailability {
  @Field(() => ServiceOffer, { nullable: true, description: "Null when no offer has that id or it is no longer offered." })
  service!: ServiceOffer | null;

  @Field(() => Boolean, {
    description: "With a productId: the offer is FOR_LINE and offered for the product's category. Without: the offer is STANDALONE.",
  })
  available!: boolean;
}

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class ServiceAvailabilityArgs {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => ID, { nullable: true, description: "The product of the cart line the service would go with; null for a standalone service." })
  productId?: string | null;
}
