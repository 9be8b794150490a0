// Process entry of the pricing subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startPricing } from "./app.js";
import { readPricingConfig } from "./config.js";

const config = readPricingConfig();
if (superviseWorkers("pricing", config.PROCESSES)) {
  await runUntilSignal("pricing", () => startPricing(config), async () => tracing?.shutdown());
}
