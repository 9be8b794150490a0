// Talking to a gateway the way a client does (raw HTTP: statuses and headers included), and more
// gateway processes in front of a stack's subgraphs.
import { startGateway, type GatewayApp, type GatewayOptions } from "../../gateway/src/app.js";
import { readGatewayConfig } from "../../gateway/src/config.js";
import type { Stack } from "./stack.js";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

/** A raw HTTP request, so tests see statuses and headers the way a client does. */
export async function send(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; search?: string } = {}): Promise<Answer> {
  const response = await fetch(`${url}${init.search ?? ""}`, {
    method: init.method ?? "POST",
    headers: { ...(init.method === "GET" ? {} : { "content-type": "application/json" }), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: Answer["body"];
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}

export const post = (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => send(url, { body, headers });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

/** Another gateway process in front of the stack's subgraphs (all their processes, as the stack's gateway reaches them) and the same Redis; closed with `closeAll`. */
export function gatewayFactory(stack: () => Stack) {
  const started: GatewayApp[] = [];
  return {
    async start(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<GatewayApp> {
      const s = stack();
      const gateway = await startGateway(
        readGatewayConfig({
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          REDIS_URL: process.env.REDIS_URL,
          PORT: "0",
          METRICS_PORT: "0",
          CATALOG_URL: s.urls.catalog,
          CART_URL: s.urls.cart,
          ORDER_URL: s.urls.order,
          PAYMENT_URL: s.urls.payment,
          PRICING_URL: s.urls.pricing,
          SHIPPING_URL: s.urls.shipping,
          ...env,
        }),
        options,
      );
      started.push(gateway);
      return gateway;
    },
    async closeAll() {
      for (const gateway of started.splice(0)) await gateway.close();
    },
  };
}
