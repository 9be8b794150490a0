// Process entry of the order subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal } from "@trolley/http";
import { startOrder } from "./app.js";
import { readOrderConfig } from "./config.js";

await runUntilSignal("order", () => startOrder(readOrderConfig()), async () => tracing?.shutdown());
