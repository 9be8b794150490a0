// The storefront's build and dev server. The dev server (mode development) also answers the
// development sign-in (server/dev-sign-in.ts); it and `vite preview` answer /config.json. `vite build` (mode production)
// leaves every trace of the sign-in out of the bundle, since __DEV_SIGN_IN__ is false there.
import { defineConfig, type Plugin } from "vite";
import { devSignIn } from "./server/dev-sign-in.ts";
import { runtimeConfig } from "./server/runtime-config.ts";

const GATEWAY_URL = process.env.STOREFRONT_GATEWAY_URL ?? "http://localhost:4000/graphql";
const JWT_SECRET = process.env.JWT_SECRET ?? "dev-jwt-secret-change-me";

/** /config.json in the dev server and in `vite preview`. */
function runtimeConfigEndpoint(): Plugin {
  const config = runtimeConfig(() => ({ graphqlUrl: GATEWAY_URL }));
  return {
    name: "trolley-runtime-config",
    configureServer: (server) => void server.middlewares.use(config),
    configurePreviewServer: (server) => void server.middlewares.use(config),
  };
}

/** POST /dev/sign-in, in the dev server only (never `vite preview`, never a build). */
function devSignInEndpoint(): Plugin {
  return { name: "trolley-dev-sign-in", configureServer: (server) => void server.middlewares.use(devSignIn(JWT_SECRET)) };
}

export default defineConfig(({ mode }) => ({
  root: new URL(".", import.meta.url).pathname,
  plugins: [runtimeConfigEndpoint(), ...(mode === "development" ? [devSignInEndpoint()] : [])],
  define: { __DEV_SIGN_IN__: JSON.stringify(mode !== "production") },
  oxc: { jsx: { runtime: "automatic" } },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
}));
