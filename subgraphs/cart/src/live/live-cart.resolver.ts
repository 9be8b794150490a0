// The live cart's place in the schema. The cart declares the subscription so that it composes into
// the supergraph with the Cart it returns, but answers none: the gateway serves it over graphql-ws
// (gateway/src/live-cart), turning each change into a query of the subscriber's selection.
import { GraphQLError } from "graphql";
import { Resolver, Subscription, type PubSub } from "type-graphql";
import { CartUpdate } from "./cart-update.type.js";

const servedByTheGateway = () => new GraphQLError("The live cart is served by the gateway over graphql-ws at /graphql.", { extensions: { code: "BAD_REQUEST" } });

/** type-graphql wants a PubSub for any subscription; the cart publishes nothing through it. */
export const noPubSub: PubSub = {
  publish() {},
  subscribe() {
    throw servedByTheGateway();
  },
};

@Resolver()
export class LiveCartResolver {
  @Subscription(() => CartUpdate, {
    description: "The caller's cart, priced, after each change from any device or session (graphql-ws at the gateway's /graphql).",
    subscribe: () => {
      throw servedByTheGateway();
    },
  })
  cartUpdated(): CartUpdate {
    throw servedByTheGateway();
  }
}
