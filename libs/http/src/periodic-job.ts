// A background job run every interval inside a service process (expiry, cleanup). A failed run is
// logged and the next one tries again; stop() waits for a run in progress, so shutdown never cuts
// one in half.
import type { Logger } from "./logger.js";

export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Pick<Logger, "warn">,
  ) {}

  start(intervalMs: number): void {
    const tick = async () => {
      this.running = this.run().catch((error) => this.logger.warn(`${this.name} failed`, { error }));
      await this.running;
      if (this.timer) this.timer = setTimeout(tick, intervalMs).unref();
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
