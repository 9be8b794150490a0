// Builds every subgraph's schema in this process and prints its SDL: the inputs of composition.
// Importing the schema builders needs no database and no running service.
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { printFederatedSchema } from "@trolley/federation";
import { defaultSubgraphUrls, subgraphNames, type SubgraphName } from "../gateway/src/subgraph-list.js";
import type { SubgraphSdl } from "../gateway/src/compose-supergraph.js";

const builders: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  catalog: async () => (await import("../subgraphs/catalog/src/schema.js")).buildCatalogSchema(),
  cart: async () => (await import("../subgraphs/cart/src/schema.js")).buildCartSchema(),
  order: async () => (await import("../subgraphs/order/src/schema.js")).buildOrderSchema(),
  payment: async () => (await import("../subgraphs/payment/src/schema.js")).buildPaymentSchema(),
  pricing: async () => (await import("../subgraphs/pricing/src/schema.js")).buildPricingSchema(),
  shipping: async () => (await import("../subgraphs/shipping/src/schema.js")).buildShippingSchema(),
};

export const sdlPath = (name: SubgraphName) => `subgraphs/${name}/src/schema.graphql`;
export const SUPERGRAPH_PATH = "gateway/supergraph.graphql";

export async function printSubgraphs(): Promise<SubgraphSdl[]> {
  const result: SubgraphSdl[] = [];
  for (const name of subgraphNames) {
    result.push({ name, url: defaultSubgraphUrls[name], sdl: printFederatedSchema(await builders[name]()) });
  }
  return result;
}
