// The shipping subgraph's schema: (for services only) the judgement of a cart's shipping selection.
import { buildFederatedSchema } from "@trolley/federation";
import { JudgementResolver } from "./judgement/judgement.resolver.js";

export function buildShippingSchema() {
  return buildFederatedSchema({
    resolvers: [JudgementResolver],
  });
}
