// The storefront's operations as an Apollo persisted query manifest
// (storefront/persisted-query-manifest.json), for the gateway's safelist mode
// (PERSISTED_QUERIES=safelist, PERSISTED_QUERY_MANIFEST). Each body is the text Apollo Client sends
// for the generated document (with __typename added, printed by Apollo), and its id that text's
// SHA-256, which is what the storefront's persisted query link sends. Written by
// `pnpm persisted-manifest` (scripts/persisted-manifest.ts); test/storefront/persisted-manifest.test.ts
// checks the committed one is current.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { addTypenameToDocument, print } from "@apollo/client/utilities";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import * as generated from "../src/gql/graphql.ts";

export const MANIFEST_PATH = fileURLToPath(new URL("../persisted-query-manifest.json", import.meta.url));

export interface ManifestOperation {
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: ManifestOperation[];
}

const isDocument = (value: unknown): value is DocumentNode => typeof value === "object" && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;

export function buildManifest(): PersistedQueryManifest {
  const operations: ManifestOperation[] = [];
  for (const [exported, value] of Object.entries(generated)) {
    if (!exported.endsWith("Document") || !isDocument(value)) continue;
    const operation = value.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) continue;
    const body = print(addTypenameToDocument(value));
    operations.push({ id: createHash("sha256").update(body).digest("hex"), name: operation.name.value, type: operation.operation, body });
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

export const manifestText = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;
