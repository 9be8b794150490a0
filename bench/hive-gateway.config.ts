// Hive Gateway's configuration for the bench (loaded with `hive-gateway supergraph ... -c <this>`).
// Our subgraphs accept identity only from a signed x-trolley-identity header; Hive has no way to
// sign one, so the bench client sends a pre-signed header and Hive passes it on to every subgraph.
import { defineConfig } from "@graphql-hive/gateway";

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ "x-trolley-identity": request.headers.get("x-trolley-identity") }),
  },
  logging: "warn",
  graphiql: false,
  landingPage: false,
});
