// The Apollo Server plugin every Trolley GraphQL server runs: operations served and their latency by
// operation name, errors by `extensions.code`, and the resolved operation name handed to the access
// log. Operation names are the client's (or the gateway's for subgraph fetches), so only a bounded
// set of them become label values (operation-labels.ts); documents that never resolve to an
// operation are counted under "(invalid)".
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ServiceMetrics } from "./metrics.js";
import { isExpected, logUnexpected } from "./format-error.js";
import type { Logger } from "./logger.js";
import { OperationLabels, type OperationLabelOptions } from "./operation-labels.js";
import { requestScopeOf } from "./request-scope.js";

const INVALID = "(invalid)";
const ANONYMOUS = "(anonymous)";

/** Without options: 50 names besides the registered ones, the default of METRICS_MAX_OPERATION_NAMES. */
export function graphqlObservability<C extends BaseContext>(metrics: ServiceMetrics, logger: Logger, labelOptions: OperationLabelOptions = { maxOthers: 50 }): ApolloServerPlugin<C> {
  const labels = new OperationLabels(labelOptions);
  const operations = metrics.counter("trolley_graphql_operations_total", "GraphQL operations served, by operation name.", ["operation"]);
  const duration = metrics.histogram("trolley_graphql_operation_duration_seconds", "Time to execute a GraphQL operation, by operation name.", ["operation"]);
  const errors = metrics.counter("trolley_graphql_errors_total", "Errors in GraphQL responses, by operation name and extensions.code.", ["operation", "code"]);

  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      const scope = requestScopeOf(request.http);
      let operation = INVALID;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationName ? labels.labelOf(operationName.slice(0, 100)) : ANONYMOUS;
          if (scope && operationName) scope.operationName = operationName;
        },
        async didEncounterErrors({ errors: encountered }) {
          for (const error of encountered) {
            const code = error.extensions?.code;
            errors.inc({ operation, code: typeof code === "string" ? code : "INTERNAL_SERVER_ERROR" });
            // Logged here, where the request is known; error formatting then only masks it.
            if (!isExpected(error.extensions?.code)) logUnexpected(error, error.path, scope?.logger ?? logger);
          }
        },
        async willSendResponse() {
          operations.inc({ operation });
          duration.observe({ operation }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
