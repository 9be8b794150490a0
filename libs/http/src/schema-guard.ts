// A subgraph's schema is for the gateway, not the internet: in production, introspection
// (`__schema`, `__type`) and federation's `_service { sdl }` are answered only to requests that
// carry the gateway's credential (the signed identity header; `pnpm dev`'s live composition sends
// it). Someone who reaches a subgraph port directly learns nothing about its schema.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestErrorCode } from "@trolley/errors";
import { hasInternalCredential, IDENTITY_HEADER } from "@trolley/identity";
import { fieldTally } from "./limits/field-tally.js";

const SCHEMA_FIELDS = new Set(["__schema", "__type", "_service"]);

export function schemaGuard(internalSecret: string): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation) return;
          const asksForSchema = fieldTally(document, (field) => (SCHEMA_FIELDS.has(field.name.value) ? 1 : 0), { nested: false })(operation.selectionSet) > 0;
          if (!asksForSchema || hasInternalCredential(request.http?.headers.get(IDENTITY_HEADER), internalSecret)) return;
          const code: RequestErrorCode = "FORBIDDEN";
          throw new GraphQLError("This service's schema is not public.", { extensions: { code, http: { status: 403 } } });
        },
      };
    },
  };
}
