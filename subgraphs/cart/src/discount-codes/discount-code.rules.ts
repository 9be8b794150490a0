// The cart's rules about the codes it holds, as plain functions: what an entered code may look
// like, how pricing's refusal reads as a userError, and which held codes a change stopped applying.
// Whether a code applies is pricing's to say; these only shape the question and read the answer.
import { DomainError, type UserErrorData } from "@trolley/errors";
import type { CodeJudgement, CodeStanding } from "../clients/pricing.client.js";

export const MAX_CODE_LENGTH = 64;

/**
 * The code as the cart will hold it: trimmed, 1 to 64 characters. Anything else cannot be any
 * promotion's code, so it is refused as DISCOUNT_CODE_INVALID without asking pricing.
 */
export function enteredCode(raw: string): string {
  const code = raw.trim();
  if (code.length === 0) throw new DomainError("DISCOUNT_CODE_INVALID", "Enter a discount code.", ["code"]);
  if (code.length > MAX_CODE_LENGTH) throw new DomainError("DISCOUNT_CODE_INVALID", `A discount code has at most ${MAX_CODE_LENGTH} characters.`, ["code"]);
  return code;
}

/** The refusal a judgement other than OK stands for, in pricing's words. */
export function refusalOf(judgement: CodeJudgement): DomainError | null {
  return judgement.outcome === "OK" ? null : new DomainError(judgement.outcome, judgement.message, ["code"]);
}

export const codeNotHeld = (code: string) => new DomainError("DISCOUNT_CODE_NOT_FOUND", `The cart holds no code "${code}".`, ["code"]);

/** Only a code held both before and after a change can have stopped applying because of it. */
export const couldStopApplying = (keysBefore: string[], keysAfter: string[]): boolean => keysBefore.some((key) => keysAfter.includes(key));

/**
 * One standing per code from the answers for several carts a change started from (a merge's two):
 * a code applied before if it applied in any of them.
 */
export function standingAcross(answers: CodeStanding[][]): CodeStanding[] {
  const byCode = new Map<string, CodeStanding>();
  for (const standing of answers.flat()) {
    const seen = byCode.get(standing.code);
    byCode.set(standing.code, seen ? { ...seen, applicableBefore: seen.applicableBefore || standing.applicableBefore } : standing);
  }
  return [...byCode.values()];
}

/** A warning for each code that applied before the change and does not after it. */
export function codesStoppedApplying(standings: CodeStanding[]): UserErrorData[] {
  return standings
    .filter((standing) => standing.applicableBefore && !standing.applicableAfter)
    .map((standing) => ({
      code: "DISCOUNT_CODE_NOT_APPLICABLE_NOW",
      message: `The code ${standing.code} no longer applies to this cart. It stays entered and applies again when the cart meets its conditions.`,
      field: ["discountCodes"],
    }));
}

/** What a judgement was about, or what is locked now: a cart, its lines in the cart, its codes. */
interface JudgedCart {
  cart: { id: string };
  lines: { productId: string; quantity: number }[];
  codes: { codeKey: string }[];
}

/**
 * Whether the cart locked for the write is the cart the code was judged for: the same cart (not a
 * new one after a checkout closed it) with the same lines and codes. Otherwise the judgement is
 * stale and must be asked again.
 */
export function judgedCartIsLocked(judged: JudgedCart, locked: JudgedCart): boolean {
  const lines = (cart: JudgedCart) => cart.lines.map((line) => `${line.productId}\u0000${line.quantity}`).sort().join("\u0001");
  const codes = (cart: JudgedCart) => cart.codes.map((code) => code.codeKey).join("\u0001");
  return judged.cart.id === locked.cart.id && lines(judged) === lines(locked) && codes(judged) === codes(locked);
}
