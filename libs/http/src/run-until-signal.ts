// Process lifecycle shared by every service: start, log a failed start and exit non-zero, close
// gracefully on SIGINT/SIGTERM (in-flight requests finish, connections are released).
import { createLogger } from "./logger.js";

/** `afterClose` runs once the service has closed, before the process exits (e.g. flushing traces). */
export async function runUntilSignal(name: string, start: () => Promise<{ close(): Promise<void> }>, afterClose?: () => Promise<void>): Promise<void> {
  const logger = createLogger(name);
  let service: { close(): Promise<void> };
  try {
    service = await start();
  } catch (error) {
    logger.error("failed to start", { error });
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await service.close().catch((error) => logger.error("unclean stop", { error }));
    await afterClose?.().catch((error) => logger.error("unclean stop", { error }));
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
