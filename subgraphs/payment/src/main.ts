// Process entry of the payment subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startPayment } from "./app.js";
import { readPaymentConfig } from "./config.js";

const config = readPaymentConfig();
if (superviseWorkers("payment", config.PROCESSES)) {
  await runUntilSignal("payment", () => startPayment(config), async () => tracing?.shutdown());
}
