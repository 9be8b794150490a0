import { availableParallelism } from "node:os";

/** Test files run in parallel in this many workers, each with its own database. */
export const MAX_WORKERS = Math.min(4, Math.max(2, availableParallelism()));
