// A provider's webhook event in our vocabulary: `{ id, type, created, data: { providerRef,
// paymentId?, failureCode? } }`. The test provider sends exactly this (parseWebhookEvent reads it,
// only after its signature verified); other providers' events are read into it by their adapter.

export const WEBHOOK_EVENT_TYPES = ["charge.succeeded", "charge.failed", "charge.refunded", "charge.canceled"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEvent {
  /** The provider's event id: the key of exactly-once processing. */
  id: string;
  /** A type we do not know is acknowledged and ignored. */
  type: string;
  /** Unix seconds. */
  created: number;
  data: {
    providerRef: string;
    /** Our payment's id when the event names it; otherwise the payment is found by providerRef. */
    paymentId?: string;
    /** charge.failed only, e.g. CARD_DECLINED. */
    failureCode?: string;
  };
}

const isText = (value: unknown, max: number): value is string => typeof value === "string" && value.length > 0 && value.length <= max;

/** The event, or null when the body is not one. */
export function parseWebhookEvent(rawBody: Buffer): WebhookEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null) return null;
  const { id, type, created, data } = body as Record<string, unknown>;
  if (!isText(id, 255) || !isText(type, 100) || !Number.isSafeInteger(created)) return null;
  if (typeof data !== "object" || data === null) return null;
  const { providerRef, paymentId, failureCode } = data as Record<string, unknown>;
  if (!isText(providerRef, 255) || !isText(paymentId, 100)) return null;
  if (failureCode !== undefined && !(isText(failureCode, 64) && /^[A-Z0-9_]+$/.test(failureCode))) return null;
  return { id, type, created: created as number, data: { providerRef, paymentId, ...(failureCode ? { failureCode } : {}) } };
}

export const isKnownEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
