// How the gateway talks to a subgraph: it signs the caller's identity into a header only the
// gateway can produce (client headers are never forwarded), passes the request id on, and bounds
// each subgraph call by a timeout. An unreachable subgraph becomes SERVICE_UNAVAILABLE, without
// the hostnames and socket errors a client has no business seeing.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { serviceUnavailable } from "@trolley/errors";
import { IDENTITY_HEADER, signIdentity, type Identity } from "@trolley/identity";

export interface GatewayContext {
  identity: Identity;
  requestId: string;
}

export function identityDataSource(settings: { name: string; url: string; internalSecret: string; timeoutMs: number }) {
  return new RemoteGraphQLDataSource<GatewayContext>({
    url: settings.url,
    fetcher: async (input, init) => {
      try {
        return await fetch(input as string, { ...(init as RequestInit), signal: AbortSignal.timeout(settings.timeoutMs) }) as never;
      } catch {
        throw serviceUnavailable(settings.name);
      }
    },
    willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
      const identity = (context as Partial<GatewayContext>).identity;
      if (identity) request.http!.headers.set(IDENTITY_HEADER, signIdentity(identity, settings.internalSecret));
      const requestId = (context as Partial<GatewayContext>).requestId;
      if (requestId) request.http!.headers.set("x-request-id", requestId);
    },
  });
}
