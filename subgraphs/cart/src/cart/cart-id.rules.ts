// An owner's next cart id, known before the cart's row exists. Reading an empty cart writes
// nothing, yet the id it answers is the id the row gets on the first change, so clients' caches
// (and subscriptions) see one cart, not two. The id follows from the owner and the cart before
// it, so after a checkout the next cart has a new id, and every process derives the same one.
import { createHash } from "node:crypto";

/** A UUID (version 5 layout, SHA-256 based) for the cart that follows `previousCartId`. */
export function nextCartId(ownerId: string, previousCartId: string | null): string {
  const bytes = createHash("sha256").update(`trolley-cart\0${ownerId}\0${previousCartId ?? ""}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
