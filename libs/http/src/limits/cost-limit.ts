// Refuses an operation whose estimated cost (operation-cost.ts) exceeds a limit. Cost depends on
// the variables (`first: $n`), which validation rules never see, so this runs once the operation is
// resolved and the variables are known, still before any subgraph is asked.
import type { ApolloServerPlugin } from "@apollo/server";
import { limitExceeded } from "./limit-error.js";
import { operationCost } from "./operation-cost.js";

export function costLimit(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost({ schema, document, operation, variables: request.variables });
          if (cost > maxCost) {
            throw limitExceeded(
              "QUERY_TOO_COSTLY",
              `The operation's estimated cost is ${cost}; the limit is ${maxCost}. Ask for fewer items (\`first\`) or fewer fields.`,
              { limit: maxCost, actual: cost },
            );
          }
        },
      };
    },
  };
}
