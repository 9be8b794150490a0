// The soak: query 1 on our gateway at a fixed concurrency for minutes, with the gateway's memory
// read just before and just after (each after a forced full GC when the heap probe answers). A
// heap that grows under steady load is a leak the short runs cannot show.
import type { Identities } from "./identities.js";
import { runLoad } from "./load.js";
import type { Measurement } from "./measurement.js";
import { readGatewayMemory, type MemoryReading } from "./memory.js";
import type { Service } from "./processes.js";
import type { SeededCarts } from "./seed-carts.js";
import type { BenchSettings } from "./settings.js";
import { cartSource } from "./sources.js";
import { metricsUrlOf } from "./stack.js";

export interface SoakResult {
  measurement: Measurement;
  before: MemoryReading;
  after: MemoryReading;
  /** The figure the target is judged on, and which reading it is. */
  basis: "heap after GC" | "heap (metrics)" | "RSS";
  growth: number;
}

/** Load before the first reading, so caches, pools and JIT have settled: a tenth of the soak, 3 to 30 s. */
const warmupFor = (soakMs: number) => Math.min(30_000, Math.max(3000, soakMs / 10));

export async function soak(settings: BenchSettings, gateway: Service, ourUrl: string, identities: Identities, seeded: SeededCarts): Promise<SoakResult> {
  const metricsUrl = metricsUrlOf(ourUrl);
  const source = cartSource(ourUrl, "ours", identities, seeded, settings.linesPerFullCart);
  const load = (durationMs: number) => runLoad(source, { scenario: "soak", target: "ours", connections: settings.soakConnections, durationMs });
  await load(warmupFor(settings.soakMs));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = await readGatewayMemory(gateway, metricsUrl);
  const measurement = await load(settings.soakMs);
  // Let in-flight work and timers of the last requests settle before reading.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = await readGatewayMemory(gateway, metricsUrl);
  const [basis, from, to] =
    before.heapAfterGc !== undefined && after.heapAfterGc !== undefined
      ? (["heap after GC", before.heapAfterGc, after.heapAfterGc] as const)
      : before.metricsHeap !== undefined && after.metricsHeap !== undefined
        ? (["heap (metrics)", before.metricsHeap, after.metricsHeap] as const)
        : (["RSS", before.rss, after.rss] as const);
  return { measurement, before, after, basis, growth: to / from - 1 };
}
