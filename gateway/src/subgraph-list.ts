// The subgraphs the supergraph is composed of, with the default URLs of a local run. The URLs
// written into the supergraph file are these defaults; the gateway overrides them from its
// configuration (CATALOG_URL, ...), so one supergraph file serves every environment.
export const subgraphNames = ["catalog", "cart", "order", "payment", "pricing", "shipping"] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export const defaultSubgraphUrls: Record<SubgraphName, string> = {
  catalog: "http://127.0.0.1:4001/graphql",
  cart: "http://127.0.0.1:4002/graphql",
  order: "http://127.0.0.1:4003/graphql",
  payment: "http://127.0.0.1:4004/graphql",
  pricing: "http://127.0.0.1:4005/graphql",
  shipping: "http://127.0.0.1:4006/graphql",
};
