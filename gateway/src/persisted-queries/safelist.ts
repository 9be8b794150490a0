// Safelist mode: only operations registered in the manifest run. A client may send a registered
// operation by id alone (the APQ extension, hash only) or as its full, identical text; anything
// else is refused with PERSISTED_QUERY_NOT_IN_SAFELIST before it is parsed. Apollo's own APQ is
// off in this mode: a registered id is turned into its text here.
import { GraphQLError } from "graphql";
import type { RequestErrorCode } from "@trolley/errors";
import type { BeforeParsing } from "@trolley/http";
import { queryHash } from "./query-hash.js";

function notInSafelist(): GraphQLError {
  const code: RequestErrorCode = "PERSISTED_QUERY_NOT_IN_SAFELIST";
  return new GraphQLError("Only registered operations are accepted, and this one is not registered.", { extensions: { code, http: { status: 400 } } });
}

export function safelist(operations: ReadonlyMap<string, string>): BeforeParsing {
  return (request) => {
    const { persistedQuery, ...extensions } = request.extensions ?? {};
    if (request.query === undefined) {
      const id = persistedQuery?.sha256Hash;
      const body = typeof id === "string" ? operations.get(id.toLowerCase()) : undefined;
      if (body === undefined) return notInSafelist();
      request.query = body;
    } else if (!operations.has(queryHash(request.query))) {
      return notInSafelist();
    }
    request.extensions = extensions;
    return undefined;
  };
}
