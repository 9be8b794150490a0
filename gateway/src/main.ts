// Process entry of the gateway.
import { tracing } from "./tracing.js";
import { runUntilSignal } from "@trolley/http";
import { startGateway } from "./app.js";
import { readGatewayConfig } from "./config.js";

await runUntilSignal("gateway", () => startGateway(readGatewayConfig()), async () => tracing?.shutdown());
