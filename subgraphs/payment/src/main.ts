// Process entry of the payment subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal } from "@trolley/http";
import { startPayment } from "./app.js";
import { readPaymentConfig } from "./config.js";

await runUntilSignal("payment", () => startPayment(readPaymentConfig()), async () => tracing?.shutdown());
