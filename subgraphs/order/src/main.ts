// Process entry of the order subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startOrder } from "./app.js";
import { readOrderConfig } from "./config.js";

const config = readOrderConfig();
if (superviseWorkers("order", config.PROCESSES)) {
  await runUntilSignal("order", () => startOrder(config), async () => tracing?.shutdown());
}
