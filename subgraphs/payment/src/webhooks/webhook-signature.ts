// The Trolley-Signature header of provider webhooks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">`. The timestamp is signed with the body, so an old delivery cannot be replayed
// with a fresh time; deliveries outside the tolerance are refused.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "trolley-signature";
/** How far a webhook's timestamp may lie from our clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const mac = (secret: string, timestamp: string, rawBody: Buffer | string) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();

export function signWebhook(rawBody: Buffer | string, secret: string, timestamp = nowSeconds()): string {
  return `t=${timestamp},v1=${mac(secret, String(timestamp), rawBody).toString("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Whether the header signs this exact body with the secret, at a time within the tolerance. */
export function verifyWebhookSignature(header: string | undefined, rawBody: Buffer, secret: string, now = nowSeconds()): SignatureCheck {
  if (!header) return { ok: false, reason: "missing signature" };
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [key, value, ...rest] = part.trim().split("=");
    if (rest.length || value === undefined) return { ok: false, reason: "malformed signature" };
    if (key === "t" && /^\d{1,12}$/.test(value) && timestamp === undefined) timestamp = value;
    // Several v1 values are allowed (a provider signs with old and new secret while rotating).
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, "hex"));
    else if (key === "t" || key === "v1") return { ok: false, reason: "malformed signature" };
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: "malformed signature" };
  const expected = mac(secret, timestamp, rawBody);
  // Every candidate is compared, in constant time, so timing tells nothing about which one matched.
  const matched = signatures.map((signature) => timingSafeEqual(signature, expected)).includes(true);
  if (!matched) return { ok: false, reason: "signature mismatch" };
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "timestamp outside tolerance" };
  return { ok: true };
}
