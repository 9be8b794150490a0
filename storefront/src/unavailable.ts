// Which services a degraded answer names: the gateway answers what it can and adds one error per
// unavailable subgraph (extensions.code SERVICE_UNAVAILABLE, extensions.service).
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import type { ErrorLike } from "@apollo/client";

export function unavailableServices(error: ErrorLike | undefined): string[] {
  if (!error || !CombinedGraphQLErrors.is(error)) return [];
  const names = new Set<string>();
  for (const e of error.errors) {
    const service = e.extensions?.service;
    names.add(typeof service === "string" ? service : "some services");
  }
  return [...names];
}
