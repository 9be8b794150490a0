// POST /webhooks/<provider>: where payment providers report what became of a charge. The raw body
// is verified against the Trolley-Signature header before it is even parsed; a delivery that does
// not verify is refused with 400 and changes nothing. Bodies and tokens are never logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger, RouteHandler } from "@trolley/http";
import type { ProviderRegistry } from "../providers/payment-provider.js";
import { parseWebhookEvent } from "./webhook-event.js";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "./webhook-signature.js";
import type { WebhookService } from "./webhook.service.js";

export interface WebhookRouteSettings {
  providers: ProviderRegistry;
  webhooks: WebhookService;
  secret: string;
  logger: Logger;
}

export const webhookPath = (provider: string) => `/webhooks/${provider}`;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** One route per known provider; any other /webhooks/<name> is the server's 404. */
export function webhookRoutes(settings: WebhookRouteSettings): Record<string, RouteHandler> {
  return Object.fromEntries(settings.providers.providers.map((provider) => [webhookPath(provider.name), webhookHandler(provider.name, settings)]));
}

function webhookHandler(provider: string, { webhooks, secret, logger }: WebhookRouteSettings): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, rawBody: Buffer) => {
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return reply(res, 405, { error: "method not allowed" });
    }
    const header = req.headers[SIGNATURE_HEADER];
    const check = verifyWebhookSignature(typeof header === "string" ? header : undefined, rawBody, secret);
    if (!check.ok) {
      logger.warn("webhook refused", { provider, reason: check.reason });
      return reply(res, 400, { error: check.reason });
    }
    const event = parseWebhookEvent(rawBody);
    if (!event) {
      logger.warn("webhook refused", { provider, reason: "malformed event" });
      return reply(res, 400, { error: "malformed event" });
    }
    try {
      const outcome = await webhooks.process(provider, event);
      logger.debug("webhook processed", { provider, eventId: event.id, type: event.type, outcome });
      return reply(res, 200, { received: true });
    } catch (error) {
      // The provider retries a delivery that did not get a 2xx; nothing was committed.
      logger.error("webhook processing failed", { provider, eventId: event.id, type: event.type, error });
      return reply(res, 500, { error: "internal error" });
    }
  };
}
