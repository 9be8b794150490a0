// Development only: POST /dev/sign-in {"userId": "alice"} answers {"token"}, a customer token signed
// with JWT_SECRET the way `pnpm token` mints one (HS256, sub and roles, an hour), so a shopper can
// sign in without an identity provider. Only the dev server (vite.config.ts) and the browser tests
// mount it; the production build neither serves nor mentions it.
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

type Next = (error?: unknown) => void;

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signDevToken(userId: string, secret: string, ttlSeconds = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ sub: userId, roles: ["customer"], iat: now, exp: now + ttlSeconds }));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export function devSignIn(secret: string) {
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    if (req.url?.split("?")[0] !== "/dev/sign-in") return next();
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return answer(405, { error: "POST only" });
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
      if (raw.length > 4096) req.destroy();
    });
    req.on("end", () => {
      let userId: unknown;
      try {
        userId = JSON.parse(raw).userId;
      } catch {
        return answer(400, { error: "a JSON body is required" });
      }
      if (typeof userId !== "string" || !USER_ID.test(userId) || userId.startsWith("guest:")) {
        return answer(400, { error: "userId: 1 to 64 letters, digits or ._@-" });
      }
      answer(200, { token: signDevToken(userId, secret) });
    });
  };
}
