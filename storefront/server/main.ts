// `pnpm start` serves the storefront's build (storefront/dist, made by `vite build`) with this:
// http://localhost:5173, telling the browser where the gateway is through /config.json. No dev
// sign-in here: that is the dev server's (`pnpm dev`).
//   STOREFRONT_PORT (5173), HOST (127.0.0.1), STOREFRONT_GATEWAY_URL (http://localhost:4000/graphql)
import { fileURLToPath } from "node:url";
import { startStorefrontServer } from "./static-server.ts";

const port = Number(process.env.STOREFRONT_PORT ?? process.env.PORT ?? 5173);
const graphqlUrl = process.env.STOREFRONT_GATEWAY_URL ?? "http://localhost:4000/graphql";
const server = await startStorefrontServer({
  root: fileURLToPath(new URL("../dist/", import.meta.url)),
  port,
  host: process.env.HOST ?? "127.0.0.1",
  config: { graphqlUrl },
});
console.log(`storefront on http://localhost:${port} (gateway ${graphqlUrl})`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
