// Prometheus metrics of one service instance, served at /metrics. Each app owns its registry (tests
// run several apps in one process; the global default registry would make them collide), creates
// its business counters on it, and passes them to the services that observe the facts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Default metrics (CPU, memory, event loop, GC) describe the process, not an app, and their
// collectors are process-wide observers: one set per process, served by every app in it.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class ServiceMetrics {
  readonly registry = new Registry();
  /** Requests the HTTP front answered, by method, route and status. */
  readonly httpRequests: Counter<"method" | "route" | "status">;
  readonly httpDuration: Histogram<"method" | "route" | "status">;

  /** `service` labels every series of this registry (several services scrape into one Prometheus). */
  constructor(service?: string) {
    if (service) this.registry.setDefaultLabels({ service });
    processMetrics();
    this.httpRequests = this.counter("trolley_http_requests_total", "HTTP requests answered, by method, route and status.", ["method", "route", "status"]);
    this.httpDuration = this.histogram("trolley_http_request_duration_seconds", "Time to answer an HTTP request, by method, route and status.", [
      "method",
      "route",
      "status",
    ]);
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    return new Histogram<L>({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) });
  }

  /** The Prometheus text exposition: this app's metrics, then the process's. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${process}` };
  }
}
