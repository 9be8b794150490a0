// GraphQL types of stock reservations. Services only: every type is @inaccessible, so the gateway
// never shows them to clients (composition also requires it of types only inaccessible fields use).
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import { TaxCategory } from "../product/product.type.js";
import type { Reservation } from "./stock.store.js";

@InputType()
@Directive("@inaccessible")
export class StockLineInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: "1 to 999; lines of the same product are summed." })
  quantity!: number;
}

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class ReserveStockArgs {
  @Field(() => ID, { description: "Chosen by the caller (the order id); sending it again answers the same reservation." })
  reservationId!: string;

  @Field(() => [StockLineInput])
  lines!: StockLineInput[];
}

@ObjectType()
@Directive("@inaccessible")
export class StockReservationLine {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { description: "The product's name when it was reserved." })
  productName!: string;

  @Field(() => Int, { description: "Unit price when it was reserved, in integer minor units of currencyCode." })
  unitPriceMinor!: number;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => TaxCategory, { description: "The product's tax category now (checkout prices the order with it)." })
  taxCategory!: TaxCategory;

  @Field(() => ID, { nullable: true, description: "The product's category now; null when it has none." })
  categoryId!: string | null;

  @Field(() => Int, { description: "The product's weight now, in grams (checkout has shipping judged with it)." })
  weightGrams!: number;
}

@ObjectType()
@Directive("@inaccessible")
export class StockReservation {
  @Field(() => ID, { description: "The id the caller chose (the order's)." })
  id!: string;

  // A String, not an enum: type-graphql cannot put @inaccessible on an enum, and an enum left
  // accessible would show in the public API.
  @Field(() => String, { description: "RESERVED, RELEASED or COMMITTED." })
  status!: string;

  @Field(() => [StockReservationLine])
  lines!: StockReservationLine[];

  static from(reservation: Reservation): StockReservation {
    return Object.assign(new StockReservation(), { id: reservation.id, status: reservation.status, lines: reservation.lines });
  }
}

@ObjectType()
@Directive("@inaccessible")
export class StockReservationPayload {
  @Field(() => StockReservation, { nullable: true, description: "Null when userErrors says why nothing was reserved." })
  reservation!: StockReservation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
