// Thin: only services may call (the order subgraph, with its service identity), the service does
// the rest. The fields are @inaccessible: the gateway never exposes them.
import { Arg, Args, Ctx, Directive, ID, Mutation, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireService } from "@trolley/identity";
import type { CatalogContext } from "../context.js";
import { ReserveStockArgs, StockReservation, StockReservationPayload } from "./stock.type.js";

@Resolver()
export class StockResolver {
  @Mutation(() => StockReservationPayload, {
    description: "Services only. Holds stock for every line or none; each refused line is reported with its index in `field` (lines, <index>).",
  })
  @Directive("@inaccessible")
  async reserveStock(@Args(() => ReserveStockArgs) { reservationId, lines }: ReserveStockArgs, @Ctx() ctx: CatalogContext): Promise<StockReservationPayload> {
    requireService(ctx.identity, "reserve, release or commit stock");
    try {
      return { reservation: StockReservation.from(await ctx.stock.reserve(reservationId, lines)), userErrors: [] };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { reservation: null, userErrors: error.errors.map(UserError.from) };
    }
  }

  @Mutation(() => Boolean, { description: "Services only. Puts a reservation's units back on sale; false if it is unknown or no longer reserved." })
  @Directive("@inaccessible")
  releaseStock(@Arg("reservationId", () => ID) reservationId: string, @Ctx() ctx: CatalogContext): Promise<boolean> {
    requireService(ctx.identity, "reserve, release or commit stock");
    return ctx.stock.release(reservationId);
  }

  @Mutation(() => Boolean, { description: "Services only. The reservation's units leave the shop (order paid); false if it is unknown or no longer reserved." })
  @Directive("@inaccessible")
  commitStock(@Arg("reservationId", () => ID) reservationId: string, @Ctx() ctx: CatalogContext): Promise<boolean> {
    requireService(ctx.identity, "reserve, release or commit stock");
    return ctx.stock.commit(reservationId);
  }
}
