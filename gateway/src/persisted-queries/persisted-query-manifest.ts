// The safelist's source: an Apollo persisted query manifest (what `generate-persisted-query-manifest`
// writes), `{ "operations": [{ "id": "<sha256 of body>", "body": "<query>", ... }] }`, read once at
// start. An id that is not the hash of its body is refused at start: the id and the full-text paths
// into the safelist would otherwise disagree about what is registered.
import { readFileSync } from "node:fs";
import { ConfigError, z } from "@trolley/config";
import { queryHash } from "./query-hash.js";

const manifestSchema = z.object({
  operations: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) })),
});

/** The registered operations: text by id. */
export function loadPersistedQueryManifest(path: string | undefined): Map<string, string> {
  if (!path) throw new ConfigError(["PERSISTED_QUERY_MANIFEST: required when PERSISTED_QUERIES=safelist"]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError([`PERSISTED_QUERY_MANIFEST: cannot read ${path} as JSON (${(error as Error).message})`]);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `PERSISTED_QUERY_MANIFEST ${path}: ${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  const operations = new Map<string, string>();
  const problems: string[] = [];
  for (const { id, body } of result.data.operations) {
    if (queryHash(body) !== id.toLowerCase()) problems.push(`PERSISTED_QUERY_MANIFEST ${path}: operation ${id}: the id is not the SHA-256 of its body`);
    else operations.set(id.toLowerCase(), body);
  }
  if (problems.length) throw new ConfigError(problems);
  return operations;
}
