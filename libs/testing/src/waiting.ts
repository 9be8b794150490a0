// Waiting in tests for something observable to happen, never for a fixed time.
import { once, type EventEmitter } from "node:events";

/**
 * Retries `check` until it passes, then answers its value: a check passes when it neither throws
 * nor answers `false`. Past the deadline the last failure is thrown. For effects that travel
 * through events, relays and other processes.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, everyMs = 25): Promise<Exclude<T, false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error("condition not met in time");
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A Redis client made with createRedis refuses commands until connected: a test starts once it is. */
export async function connected<C extends EventEmitter & { status: string }>(client: C): Promise<C> {
  if (client.status !== "ready") await once(client, "ready");
  return client;
}

/** A logger of the shape libs/outbox takes, whose lines the test reads. */
export function recordingLogger() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  return { lines, logger: { info: at("info"), warn: at("warn"), error: at("error") } };
}
