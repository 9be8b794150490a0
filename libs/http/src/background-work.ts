// What a subgraph process runs beside its HTTP server (the outbox relay, event consumers, periodic
// jobs), started together and stopped in reverse order, so whatever a part depends on outlives it.
import type { Logger } from "./logger.js";
import { PeriodicJob } from "./periodic-job.js";

export interface BackgroundPart {
  start(): void;
  /** Safe to call when the part was never started. */
  stop(): Promise<void>;
}

export class BackgroundWork {
  private readonly parts: BackgroundPart[] = [];

  constructor(private readonly logger: Pick<Logger, "warn">) {}

  add<T extends BackgroundPart>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** A job run every `intervalMs` (see PeriodicJob); its first comment says why replicas may share it. */
  every(name: string, intervalMs: number, run: () => Promise<unknown>): PeriodicJob {
    const job = new PeriodicJob(name, run, this.logger);
    this.add({ start: () => job.start(intervalMs), stop: () => job.stop() });
    return job;
  }

  start(): void {
    for (const part of this.parts) part.start();
  }

  /**
   * Stops every part, last first, and releases what each holds (a consumer's connection), whether
   * or not it was started: tests build apps without background work and drive the parts themselves.
   */
  async stop(): Promise<void> {
    for (const part of [...this.parts].reverse()) await part.stop();
  }
}
