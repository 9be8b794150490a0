// Process entry of the gateway.
import { tracing } from "./tracing.js";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startGateway } from "./app.js";
import { readGatewayConfig } from "./config.js";

const config = readGatewayConfig();
if (superviseWorkers("gateway", config.PROCESSES)) {
  await runUntilSignal("gateway", () => startGateway(config), async () => tracing?.shutdown());
}
