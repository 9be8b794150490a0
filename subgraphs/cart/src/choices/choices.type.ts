// The GraphQL shapes of the shopper's choices: the address a shopper enters, selectShipping's
// arguments, and the selection the cart holds as the shipping context and checkout read it.
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { DateScalar } from "@trolley/federation";

@InputType({ description: "Where to deliver. Codes are normalised (upper case); see setShippingAddress for what is checked." })
export class AddressInput {
  @Field(() => String)
  fullName!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision, required where the country needs one: a US state ("CA"), a Canadian province.' })
  provinceCode?: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. "PL".' })
  countryCode!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

// An ArgsType keeps the arguments in the contract's order (separate @Arg parameters print reversed).
@ArgsType()
export class SelectShippingArgs {
  @Field(() => ID)
  optionId!: string;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate?: string | null;

  @Field(() => [ID], { nullable: true })
  addOnIds?: string[] | null;
}

// The selection the cart holds is the shareable ShippingSelection (libs/federation): the shipping
// subgraph @requires it to price Cart.selectedShipping.
export { ShippingSelection } from "@trolley/federation";
