// POST /webhooks/<provider>: where payment providers report what became of a charge. Each provider
// verifies the raw body its own way (the test provider's Trolley-Signature, Stripe's
// Stripe-Signature) before it is even parsed, and reads it into our event vocabulary; a delivery
// that does not verify is refused with 400 and changes nothing. Bodies and tokens are never logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger, RouteHandler } from "@trolley/http";
import type { PaymentProvider, ProviderRegistry } from "../providers/payment-provider.js";
import type { WebhookService } from "./webhook.service.js";

export interface WebhookRouteSettings {
  providers: ProviderRegistry;
  webhooks: WebhookService;
  logger: Logger;
}

export const webhookPath = (provider: string) => `/webhooks/${provider}`;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** One route per known provider; any other /webhooks/<name> is the server's 404. */
export function webhookRoutes(settings: WebhookRouteSettings): Record<string, RouteHandler> {
  return Object.fromEntries(settings.providers.providers.map((provider) => [webhookPath(provider.name), webhookHandler(provider, settings)]));
}

function webhookHandler(provider: PaymentProvider, { webhooks, logger }: WebhookRouteSettings): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, rawBody: Buffer) => {
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return reply(res, 405, { error: "method not allowed" });
    }
    const verified = provider.verifyWebhook({ rawBody, headers: req.headers });
    if (!verified.ok) {
      logger.warn("webhook refused", { provider: provider.name, reason: verified.reason });
      return reply(res, 400, { error: verified.reason });
    }
    const { event } = verified;
    try {
      const outcome = await webhooks.process(provider.name, event);
      logger.debug("webhook processed", { provider: provider.name, eventId: event.id, type: event.type, outcome });
      return reply(res, 200, { received: true });
    } catch (error) {
      // The provider retries a delivery that did not get a 2xx; nothing was committed.
      logger.error("webhook processing failed", { provider: provider.name, eventId: event.id, type: event.type, error });
      return reply(res, 500, { error: "internal error" });
    }
  };
}
