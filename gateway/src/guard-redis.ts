// The gateway's Redis for its guards and caches (rate limits, guest sessions, persisted query
// registrations): it only counts and caches, so a slow Redis must not hold requests up. Its
// commands give up after a short deadline and the request goes on without it.
import { createRedis, type RedisClient, type RedisSettings } from "@trolley/outbox";

/** How long a request waits on the guards' Redis before going on without it. */
export const GUARD_DEADLINE_MS = 500;

export class RedisDeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = "RedisDeadlineExceeded";
  }
}

/**
 * The client's own command timeout is only the backstop that frees a hung command: the deadline
 * is `withinDeadline`'s, which tells a slow Redis from a busy process.
 */
export function createGuardRedis(target: RedisSettings): RedisClient {
  return createRedis(target);
}

/**
 * Settles as `command` does, or fails once `ms` have passed and the answer is still not here. A
 * timer alone would also expire when this process's own event loop was busy (a long garbage
 * collection, a schema load) while Redis had long answered, the reply waiting unread in the
 * socket: a request then counted in Redis would be let through as if Redis were down. So when
 * the time is up the deadline lets the loop read what has arrived first: the poll phase, where
 * sockets are read, runs before setImmediate's callbacks.
 */
export function withinDeadline<T>(command: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined = setTimeout(() => {
      setImmediate(() => {
        if (timer === undefined) return;
        timer = undefined;
        reject(new RedisDeadlineExceeded(ms));
      });
    }, ms);
    const settle = (settleWith: () => void) => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      settleWith();
    };
    command.then(
      (value) => settle(() => resolve(value)),
      (error) => settle(() => reject(error)),
    );
  });
}
