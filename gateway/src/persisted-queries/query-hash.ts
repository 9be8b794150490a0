// The id of a persisted query: the hex SHA-256 of its exact text, as Apollo clients compute it.
import { createHash } from "node:crypto";

export const queryHash = (query: string) => createHash("sha256").update(query).digest("hex");
