// Whom a request counts against: the verified caller (a user or a guest, from the token), or for
// anonymous callers their IP address. X-Forwarded-For is believed only behind our own proxy
// (TRUST_PROXY=on), and then only its last entry, the address our proxy saw: entries before it are
// whatever the client wrote and would let it pick a fresh address for every request.
import type { IncomingHttpHeaders } from "node:http";
import type { Identity } from "@trolley/identity";

export interface RequestOrigin {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

export function clientAddress(req: RequestOrigin, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = ([] as string[]).concat(req.headers["x-forwarded-for"] ?? []).join(",");
    const last = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean).pop();
    if (last) return last.slice(0, 64);
  }
  return req.socket.remoteAddress ?? "unknown";
}

export function callerKey(identity: Identity, req: RequestOrigin, trustProxy: boolean): string {
  if (identity.kind === "anonymous") return `ip:${clientAddress(req, trustProxy)}`;
  return `${identity.kind}:${identity.subject}`;
}
