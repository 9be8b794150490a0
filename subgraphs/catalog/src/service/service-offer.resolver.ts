// Thin: the standalone services anyone may see, and (services only, @inaccessible) whether a
// service may be added where the cart wants to add it.
import { Args, Ctx, Directive, Query, Resolver } from "type-graphql";
import { requireService } from "@trolley/identity";
import type { CatalogContext } from "../context.js";
import { ServiceAvailability, ServiceAvailabilityArgs, ServiceOffer } from "./service-offer.type.js";

@Resolver(() => ServiceOffer)
export class ServiceOfferResolver {
  @Query(() => [ServiceOffer], { description: "Services sold without a parent line (gift wrap, SMS notice)." })
  async standaloneServices(@Ctx() ctx: CatalogContext): Promise<ServiceOffer[]> {
    return (await ctx.services.standalone()).map(ServiceOffer.from);
  }

  @Query(() => ServiceAvailability, {
    description: "Services only. Whether the service may go with a cart line of the product (productId given) or with a cart alone (productId null).",
  })
  @Directive("@inaccessible")
  async serviceAvailability(@Args(() => ServiceAvailabilityArgs) { serviceId, productId }: ServiceAvailabilityArgs, @Ctx() ctx: CatalogContext): Promise<ServiceAvailability> {
    requireService(ctx.identity, "ask whether a service is available");
    const { service, available } = await ctx.services.availability(serviceId, productId ?? null);
    return { service: service && ServiceOffer.from(service), available };
  }
}
