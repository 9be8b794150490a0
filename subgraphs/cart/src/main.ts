// Process entry of the cart subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startCart } from "./app.js";
import { readCartConfig } from "./config.js";

const config = readCartConfig();
if (superviseWorkers("cart", config.PROCESSES)) {
  await runUntilSignal("cart", () => startCart(config), async () => tracing?.shutdown());
}
