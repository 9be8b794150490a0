// A subscription sent over HTTP: the gateway's executor cannot run it (and would answer it as a
// crash), so it is refused once the operation is known, with where subscriptions are served.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, OperationTypeNode } from "graphql";
import type { RequestErrorCode } from "@trolley/errors";

export function subscriptionsOverWebSocketOnly(): ApolloServerPlugin {
  const code: RequestErrorCode = "BAD_REQUEST";
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw new GraphQLError("Subscriptions are served over WebSocket: connect with graphql-ws to /graphql (the token in connectionParams.authorization).", {
            extensions: { code, http: { status: 400 } },
          });
        },
      };
    },
  };
}
