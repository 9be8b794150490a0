// What the browser tests stand on: the storefront built once (mode e2e: the production bundle with
// the development sign-in kept), served statically on a free port with /config.json and POST
// /dev/sign-in, the whole stack behind it with that origin allowed (CORS_ORIGINS), and Debian's
// Chromium driven by playwright-core (nothing downloaded).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startStorefrontServer, type StorefrontServer } from "../../storefront/server/static-server.ts";
import { startStack, type Stack, type StackOptions } from "../support/stack.js";

export const STOREFRONT_DIR = fileURLToPath(new URL("../../storefront/", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("../../test-results/storefront/", import.meta.url));
const VITE = join(STOREFRONT_DIR, "node_modules/vite/bin/vite.js");
const DEV_JWT_SECRET = "dev-jwt-secret-change-me";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** `vite build` of the storefront into `outDir`, in the given mode (production drops the dev sign-in). */
export function buildStorefront(outDir: string, mode: "production" | "e2e"): void {
  execFileSync(process.execPath, [VITE, "build", "--mode", mode, "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], { cwd: STOREFRONT_DIR, stdio: "pipe" });
}

export interface Storefront {
  stack: Stack;
  server: StorefrontServer;
  browser: Browser;
  /** The storefront's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  /** A fresh browser context (its own storage: a new shopper), optionally already holding a token. */
  newShopper(options?: { token?: string; kind?: "guest" | "user"; userId?: string; viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startStorefront(options: StackOptions = {}): Promise<Storefront> {
  const build = mkdtempSync(join(tmpdir(), "trolley-storefront-"));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const closers: (() => Promise<void>)[] = [async () => rmSync(build, { recursive: true, force: true })];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => {});
  };
  try {
    buildStorefront(build, "e2e");
    const server = await startStorefrontServer({ root: build, config: { graphqlUrl: "http://127.0.0.1:1/graphql" }, devSignInSecret: DEV_JWT_SECRET });
    closers.push(() => server.close());
    const stack = await startStack({
      ...options,
      // Every shopper of these tests comes from 127.0.0.1: per-IP limits would throttle them.
      env: { CORS_ORIGINS: server.url, GUEST_SESSIONS_PER_MINUTE: "10000", RATE_LIMIT_PER_MINUTE: "0", ...options.env },
    });
    closers.push(() => stack.close());
    server.configure({ graphqlUrl: stack.gateway.url });
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    closers.push(() => browser.close());
    return {
      stack,
      server,
      browser,
      url: server.url,
      async newShopper(shopper = {}) {
        const context = await browser.newContext({ viewport: shopper.viewport ?? { width: 1280, height: 800 }, baseURL: server.url });
        if (shopper.token) {
          await context.addInitScript(
            ([token, kind, userId]) => {
              if (!localStorage.getItem("trolley.token")) {
                localStorage.setItem("trolley.token", token);
                localStorage.setItem("trolley.kind", kind);
                if (userId) localStorage.setItem("trolley.user", userId);
              }
            },
            [shopper.token, shopper.kind ?? "user", shopper.userId ?? ""] as const,
          );
        }
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        return { context, page };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
