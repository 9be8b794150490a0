// Runs a service on several cores: with PROCESSES > 1 the first process becomes a supervisor that
// forks that many workers sharing the listening port (node:cluster hands connections out in turn),
// restarts a worker that dies, and on SIGINT/SIGTERM passes the signal on and waits for them all.
// Every service is safe to run this way: state lives in Postgres and Redis, and background jobs
// are built for several processes at once.
import cluster from "node:cluster";
import { createLogger } from "./logger.js";

/** In the supervisor, forks the workers and resolves false; in a worker (or with 1), resolves true: run the service. */
export function superviseWorkers(name: string, processes: number): boolean {
  if (processes <= 1 || !cluster.isPrimary) return true;
  const logger = createLogger(`${name}-supervisor`);
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn("worker died; starting another", { pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  logger.info("supervising workers", { processes });
  return false;
}
