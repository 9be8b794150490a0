// Production must not run on a secret anyone can read in this repository, or one short enough to
// guess. Every default shipped here (the code's `dev-...` values, docker-compose.yml's
// `...-change-me` fallbacks) is refused by name, and by the patterns they share, so a default added
// later in the same style is caught too.
import { ConfigError } from "./config-error.js";

/** HMAC-SHA256 keys shorter than its block's half are guessable in principle; 32 bytes is what a random key has. */
export const MIN_SECRET_BYTES = 32;

/** The secrets that ship in this repository: defaults of the code, of docker-compose.yml and of the tests. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [
  "dev-internal-secret-change-me",
  "dev-jwt-secret-change-me",
  "dev-webhook-secret-change-me",
  "compose-internal-secret-change-me",
  "compose-jwt-secret-change-me",
  "compose-webhook-secret-change-me",
  "compose-postgres-change-me",
  "a-test-secret-of-enough-length",
  "internal-secret-for-tests",
];

/** Why `value` may not be a production secret, or null when it may. */
export function weakSecretReason(value: string): string | null {
  const lowered = value.toLowerCase();
  if (KNOWN_DEFAULT_SECRETS.includes(value)) return "it is a default shipped with Trolley";
  if (lowered.includes("change-me") || lowered.includes("changeme")) return "it is a placeholder (contains change-me)";
  if (lowered.startsWith("dev-")) return "it is a development secret (dev-...)";
  if (Buffer.byteLength(value, "utf8") < MIN_SECRET_BYTES) return `it is shorter than ${MIN_SECRET_BYTES} bytes`;
  return null;
}

/** Production must not run on the development secrets, the shipped defaults, or short ones. */
export function refuseDevSecretsInProduction(config: { NODE_ENV: string } & Record<string, unknown>, keys: string[]) {
  if (config.NODE_ENV !== "production") return;
  const problems: string[] = [];
  for (const key of keys) {
    const reason = weakSecretReason(String(config[key] ?? ""));
    if (reason) problems.push(`${key}: set a real secret in production (${reason}); e.g. \`openssl rand -base64 32\``);
  }
  if (problems.length) throw new ConfigError(problems);
}
