// Process entry of the gateway.
import { runUntilSignal } from "@trolley/http";
import { startGateway } from "./app.js";
import { readGatewayConfig } from "./config.js";

await runUntilSignal("gateway", () => startGateway(readGatewayConfig()));
