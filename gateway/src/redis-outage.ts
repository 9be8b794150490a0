// The gateway's Redis only guards and caches (rate limits, persisted queries): while it is down,
// requests go on without it. This logs such an outage once when it starts and once when it ends,
// not once per request.
import type { Logger } from "@trolley/http";

export class RedisOutage {
  private down = false;

  constructor(
    private readonly what: string,
    private readonly logger: Pick<Logger, "warn" | "info">,
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(`${this.what}: Redis unavailable, continuing without it`, { error });
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(`${this.what}: Redis available again`);
  }
}
