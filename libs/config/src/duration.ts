// Durations in configuration are written the way people say them: "500ms", "30s", "15m", "24h", "7d".
import { z } from "zod";

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** A duration setting, in milliseconds once parsed. */
export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null || ms <= 0) {
        ctx.addIssue({ code: "custom", message: `"${text}" is not a duration such as 30s, 15m, 24h or 7d` });
        return z.NEVER;
      }
      return ms;
    });
