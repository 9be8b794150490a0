// Process entry of the shipping subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startShipping } from "./app.js";
import { readShippingConfig } from "./config.js";

const config = readShippingConfig();
if (superviseWorkers("shipping", config.PROCESSES)) {
  await runUntilSignal("shipping", () => startShipping(config), async () => tracing?.shutdown());
}
