// The storefront's Apollo Client: queries and mutations over HTTP with persisted-query ids (the
// SHA-256 of each operation's text, as the gateway's safelist registers it), the live cart over
// graphql-ws, and the shopper's bearer token on both.
import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { createCache } from "./cache.ts";
import { sha256Hex } from "./hash.ts";

export interface ClientOptions {
  graphqlUrl: string;
  /** Omit for no subscriptions (e.g. a script). */
  subscriptionsUrl?: string;
  /** The bearer token to send now; read at each request and each (re)connection. */
  token: () => string | null;
  fetch?: typeof fetch;
}

export interface StorefrontClient {
  apollo: ApolloClient;
  /** Drops the live connection so it reconnects with the current token. */
  reconnect(): void;
  close(): void;
}

export function createStorefrontClient(options: ClientOptions): StorefrontClient {
  const auth = new SetContextLink((previous) => {
    const token = options.token();
    return { headers: { ...previous.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  const http = ApolloLink.from([auth, new PersistedQueryLink({ sha256: sha256Hex }), new HttpLink({ uri: options.graphqlUrl, fetch: options.fetch })]);
  let ws: Client | undefined;
  let link: ApolloLink = http;
  if (options.subscriptionsUrl) {
    ws = createClient({
      url: options.subscriptionsUrl,
      lazy: true,
      retryAttempts: 20,
      connectionParams: () => {
        const token = options.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    const live = new GraphQLWsLink(ws);
    link = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, live, http);
  }
  const apollo = new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: {
      watchQuery: { errorPolicy: "all" },
      query: { errorPolicy: "all" },
      mutate: { errorPolicy: "all" },
    },
  });
  return {
    apollo,
    reconnect() {
      // Closing the socket makes graphql-ws reconnect (lazily, with fresh connectionParams) and resubscribe.
      ws?.terminate();
    },
    close() {
      void ws?.dispose();
      apollo.stop();
    },
  };
}

// Partial answers are the point of a degraded cart (a line without its product, with an error
// naming the catalog): every operation keeps the data that did arrive.
declare module "@apollo/client" {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: "all";
      }
      interface Query {
        errorPolicy: "all";
      }
      interface Mutate {
        errorPolicy: "all";
      }
    }
  }
}
