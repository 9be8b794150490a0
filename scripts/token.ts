// `pnpm token [--user <id>] [--admin] [--ttl <seconds>]`: mints a bearer token for local use,
// signed with JWT_SECRET (the development default unless set), e.g.
//   curl -H "authorization: Bearer $(pnpm -s token --user alice)" ...
import { parseArgs } from "node:util";
import { signAccessToken } from "@trolley/identity";
import { readGatewayConfig } from "../gateway/src/config.js";

const { values } = parseArgs({
  options: { user: { type: "string", default: "dev-user" }, admin: { type: "boolean", default: false }, ttl: { type: "string", default: "86400" } },
});
const config = readGatewayConfig();
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error("--ttl must be a positive number of seconds");
  process.exit(2);
}
const { token } = await signAccessToken(
  { sub: values.user!, roles: values.admin ? ["admin", "customer"] : ["customer"] },
  { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  ttl,
);
console.log(token);
