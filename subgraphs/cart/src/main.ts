// Process entry of the cart subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal } from "@trolley/http";
import { startCart } from "./app.js";
import { readCartConfig } from "./config.js";

await runUntilSignal("cart", () => startCart(readCartConfig()), async () => tracing?.shutdown());
