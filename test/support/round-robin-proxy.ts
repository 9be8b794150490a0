// Alternates HTTP requests and WebSocket upgrades between backends: two cart processes behind one
// gateway address, or two gateways behind one client address.
import { startProxy } from "./proxy.js";

export function startRoundRobinProxy(backends: string[]) {
  let next = 0;
  return startProxy(() => backends[next++ % backends.length]!);
}
