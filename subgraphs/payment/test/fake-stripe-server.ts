// A local HTTP server that speaks the few documented Stripe API endpoints the stripe provider calls
// (https://docs.stripe.com/api): POST /v1/payment_intents (confirm: true), GET /v1/payment_intents/:id
// (expand[]=latest_charge), POST /v1/payment_intents/:id/cancel and POST /v1/refunds, with Stripe's
// JSON objects and error format (`{ error: { type, code, decline_code, param, message } }`), Bearer
// authentication, and Idempotency-Key replay (the same key answers the first response again). Stripe
// itself cannot be reached from here; the SDK is pointed at this server with STRIPE_API_URL.
//
// Its payment methods behave like Stripe's test ones: pm_card_visa succeeds, pm_card_threeDSecure2Required
// answers requires_action until completeAction(), pm_card_chargeDeclined and
// pm_card_chargeDeclinedInsufficientFunds are declined (402 card_error), anything else is
// resource_missing on payment_method.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const FAKE_STRIPE_KEY = "sk_test_fake_0123456789";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fake_0123456789abcdef";

type Json = Record<string, unknown>;

interface Intent extends Json {
  id: string;
  status: string;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  latest_charge: string | null;
  client_secret: string;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}

const DECLINES: Record<string, string> = { pm_card_chargeDeclined: "generic_decline", pm_card_chargeDeclinedInsufficientFunds: "insufficient_funds" };

export async function startFakeStripe() {
  const intents = new Map<string, Intent>();
  const charges = new Map<string, Json>();
  const refunds: Json[] = [];
  /** By Idempotency-Key: the first answer, replayed. */
  const replies = new Map<string, { status: number; body: Json }>();
  /** Every request as it arrived (method, path, idempotency key, form fields). */
  const requests: { method: string; path: string; idempotencyKey: string | null; form: Record<string, string> }[] = [];
  /** Set to cut the connection after the next answer is decided, as if the response were lost. */
  let dropNextResponse = false;

  const publicIntent = (intent: Intent, expand: string[] = []) => ({
    ...intent,
    latest_charge: expand.includes("latest_charge") && intent.latest_charge ? charges.get(intent.latest_charge) : intent.latest_charge,
  });

  const chargeFor = (intent: Intent) => {
    const charge = { id: id("ch"), object: "charge", amount: intent.amount, amount_refunded: 0, currency: intent.currency, payment_intent: intent.id, refunded: false, status: "succeeded", metadata: {}, created: now() };
    charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
  };

  function createIntent(form: Record<string, string>): Json {
    if (!form.amount || !form.currency) throw new StripeFailure(400, { type: "invalid_request_error", code: "parameter_missing", message: "Missing required param: amount." });
    const intent: Intent = {
      id: id("pi"),
      object: "payment_intent",
      amount: Number(form.amount),
      currency: form.currency,
      status: "requires_confirmation",
      client_secret: "",
      metadata: Object.fromEntries(Object.entries(form).flatMap(([key, value]) => (/^metadata\[(.+)\]$/.exec(key) ? [[/^metadata\[(.+)\]$/.exec(key)![1], value]] : []))),
      payment_method: form.payment_method ?? null,
      last_payment_error: null,
      latest_charge: null,
      next_action: null,
      capture_method: "automatic",
      confirmation_method: "automatic",
      created: now(),
      livemode: false,
    };
    intent.client_secret = `${intent.id}_secret_${randomBytes(8).toString("hex")}`;
    const method = form.payment_method;
    if (method !== "pm_card_visa" && method !== "pm_card_threeDSecure2Required" && !(method in DECLINES)) {
      throw new StripeFailure(400, { type: "invalid_request_error", code: "resource_missing", param: "payment_method", message: `No such PaymentMethod: '${method}'` });
    }
    intents.set(intent.id, intent);
    if (form.confirm !== "true") return intent;
    if (method in DECLINES) {
      const lastError = { type: "card_error", code: "card_declined", decline_code: DECLINES[method], message: "Your card was declined." };
      Object.assign(intent, { status: "requires_payment_method", last_payment_error: lastError });
      throw new StripeFailure(402, { ...lastError, payment_intent: intent });
    }
    if (method === "pm_card_threeDSecure2Required") {
      Object.assign(intent, { status: "requires_action", next_action: { type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect" } } });
    } else {
      intent.status = "succeeded";
      chargeFor(intent);
    }
    return intent;
  }

  function intentOf(intentId: string): Intent {
    const intent = intents.get(intentId);
    if (!intent) throw new StripeFailure(404, { type: "invalid_request_error", code: "resource_missing", param: "intent", message: `No such payment_intent: '${intentId}'` });
    return intent;
  }

  function cancel(intent: Intent): Json {
    if (!["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"].includes(intent.status)) {
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      });
    }
    Object.assign(intent, { status: "canceled", next_action: null, canceled_at: now(), cancellation_reason: "requested_by_customer" });
    return intent;
  }

  function refund(form: Record<string, string>): Json {
    const intent = intentOf(form.payment_intent);
    const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
    if (!charge || intent.status !== "succeeded") {
      throw new StripeFailure(400, { type: "invalid_request_error", code: "charge_not_refundable", message: "This PaymentIntent does not have a successful charge to refund." });
    }
    const amount = form.amount ? Number(form.amount) : intent.amount;
    Object.assign(charge, { amount_refunded: amount, refunded: amount === intent.amount });
    const created = { id: id("re"), object: "refund", amount, charge: charge.id, payment_intent: intent.id, currency: intent.currency, status: "succeeded", created: now() };
    refunds.push(created);
    return created;
  }

  /** Only the one query shape the provider sends: metadata['key']:'value'. */
  function searchIntents(query: string): Json {
    const match = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(query);
    if (!match) throw new StripeFailure(400, { type: "invalid_request_error", message: `Unsupported search query: ${query}` });
    const data = [...intents.values()].filter((intent) => intent.metadata[match[1]!] === match[2]).map((intent) => publicIntent(intent, []));
    return { object: "search_result", url: "/v1/payment_intents/search", has_more: false, data, next_page: null };
  }

  function route(method: string, path: string, form: Record<string, string>, query: URLSearchParams): Json {
    const expand = [...query.entries()].filter(([key]) => key.startsWith("expand")).map(([, value]) => value);
    let match: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/payment_intents") return createIntent(form);
    if (method === "GET" && path === "/v1/payment_intents/search") return searchIntents(query.get("query") ?? "");
    if (method === "GET" && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return publicIntent(intentOf(match[1]), expand);
    if (method === "POST" && (match = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancel(intentOf(match[1]));
    if (method === "POST" && path === "/v1/refunds") return refund(form);
    throw new StripeFailure(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  const send = (res: ServerResponse, status: number, body: Json) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method, path: url.pathname, idempotencyKey, form });
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`) {
      return send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    const replayKey = method === "POST" && idempotencyKey ? `${method} ${url.pathname} ${idempotencyKey}` : null;
    let reply = replayKey ? replies.get(replayKey) : undefined;
    if (!reply) {
      try {
        reply = { status: 200, body: route(method, url.pathname, form, url.searchParams) };
      } catch (error) {
        if (!(error instanceof StripeFailure)) throw error;
        reply = { status: error.status, body: { error: error.body } };
      }
      // Stripe saves the first answer of a key, errors included, and replays it.
      if (replayKey) replies.set(replayKey, { status: reply.status, body: structuredClone(reply.body) });
    }
    if (dropNextResponse) {
      dropNextResponse = false;
      return req.socket.destroy();
    }
    send(res, reply.status, reply.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { type: "api_error", message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stripe = new Stripe(FAKE_STRIPE_KEY);

  return {
    url,
    intents,
    refunds,
    requests,
    /** The next answer is decided (and saved under its key) but never arrives: the connection is cut. */
    dropNextResponse() {
      dropNextResponse = true;
    },
    /** The customer completes 3-D Secure: the intent succeeds. */
    completeAction(intentId: string): Intent {
      const intent = intentOf(intentId);
      Object.assign(intent, { status: "succeeded", next_action: null });
      chargeFor(intent);
      return intent;
    },
    chargeOf(intent: Intent) {
      return intent.latest_charge ? charges.get(intent.latest_charge)! : null;
    },
    /** A Stripe event around `object` and its Stripe-Signature header, signed the way Stripe signs. */
    signedEvent(type: string, object: Json, options: { secret?: string; eventId?: string } = {}) {
      const payload = JSON.stringify({ id: options.eventId ?? id("evt"), object: "event", api_version: Stripe.API_VERSION, created: now(), type, livemode: false, pending_webhooks: 1, data: { object } });
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? FAKE_STRIPE_WEBHOOK_SECRET });
      return { payload, header };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
