// What an admin may write as a promotion, checked before anything is stored: every problem is an
// INVALID_ARGUMENT naming its input field, all reported at once; what passes is the engine's
// Promotion, which the engine's own validation then accepts. Pure.
import { DomainError, type UserErrorData } from "@trolley/errors";
import { MAX_UNIT_PRICE_MINOR, parseAmount } from "@trolley/federation";
import type { LinePromotionTarget, Promotion, PromotionAction } from "../quote/index.js";
import { promotionProblem } from "../pricing-rules/usable-promotions.rules.js";
import { PromotionActionKind, PromotionTargetKind, type PromotionActionInput, type PromotionInput, type PromotionTargetInput } from "./promotion.type.js";

export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TITLE_LENGTH = 200;
const MAX_PRODUCTS = 1000;
const MAX_CATEGORIES = 100;
const MAX_PRIORITY = 1_000_000;
// Totals stay far below this (100 lines of 999 units at the largest price).
const MAX_SUBTOTAL_MINOR = 100 * 999 * MAX_UNIT_PRICE_MINOR;

// Which actions fit which target: the engine's rule (validate-quote-input.ts), said to the admin.
const lineActions = ["PERCENTAGE", "FIXED_AMOUNT", "BUY_X_PAY_Y", "NTH_UNIT_PERCENT"];
const actionsFor: Record<`${PromotionTargetKind}`, readonly string[]> = {
  PRODUCTS: lineActions,
  CATEGORY: lineActions,
  ORDER: ["PERCENTAGE", "FIXED_AMOUNT"],
  SHIPPING: ["PERCENTAGE", "FREE_SHIPPING"],
};

type Problems = UserErrorData[];
const problem = (problems: Problems, field: string[], message: string) => problems.push({ code: "INVALID_ARGUMENT", field: ["input", ...field], message });

function whole(value: number | null | undefined, min: number, max: number): number | null {
  return value !== null && value !== undefined && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

function readTarget(input: PromotionTargetInput, problems: Problems): Promotion["target"] {
  const products = input.productIds ?? [];
  const categories = input.categoryIds ?? [];
  if (input.kind !== PromotionTargetKind.PRODUCTS && products.length) problem(problems, ["target", "productIds"], "Only a PRODUCTS target lists products.");
  if (input.kind !== PromotionTargetKind.CATEGORY && categories.length) problem(problems, ["target", "categoryIds"], "Only a CATEGORY target lists categories.");
  switch (input.kind) {
    case PromotionTargetKind.PRODUCTS:
      if (products.length < 1 || products.length > MAX_PRODUCTS) problem(problems, ["target", "productIds"], `A PRODUCTS target lists 1 to ${MAX_PRODUCTS} products.`);
      return { kind: "PRODUCTS", productIds: [...new Set(products)] } satisfies LinePromotionTarget;
    case PromotionTargetKind.CATEGORY:
      if (categories.length < 1 || categories.length > MAX_CATEGORIES) problem(problems, ["target", "categoryIds"], `A CATEGORY target lists 1 to ${MAX_CATEGORIES} categories.`);
      return { kind: "CATEGORY", categoryIds: [...new Set(categories)] } satisfies LinePromotionTarget;
    case PromotionTargetKind.ORDER:
      return { kind: "ORDER" };
    case PromotionTargetKind.SHIPPING:
      return { kind: "SHIPPING" };
  }
}

function readAction(input: PromotionActionInput, currencyCode: string, problems: Problems): PromotionAction {
  const at = (name: string, message: string) => problem(problems, ["action", name], message);
  const basisPoints = () => whole(input.basisPoints, 1, 10_000) ?? (at("basisPoints", "basisPoints must be from 1 to 10000 (100%)."), 0);
  switch (input.kind) {
    case PromotionActionKind.PERCENTAGE:
      return { kind: "PERCENTAGE", basisPoints: basisPoints() };
    case PromotionActionKind.FIXED_AMOUNT: {
      const amountMinor = input.amount == null ? null : parseAmount(input.amount, currencyCode);
      if (amountMinor === null || amountMinor < 1 || amountMinor > MAX_SUBTOTAL_MINOR) at("amount", `amount must be a positive decimal such as "5.00" in ${currencyCode}.`);
      return { kind: "FIXED_AMOUNT", amountMinor: amountMinor ?? 0 };
    }
    case PromotionActionKind.BUY_X_PAY_Y: {
      const buy = whole(input.buy, 2, 100) ?? (at("buy", "buy must be from 2 to 100."), 2);
      const pay = whole(input.pay, 1, buy - 1) ?? (at("pay", "pay must be from 1 to buy - 1."), 1);
      return { kind: "BUY_X_PAY_Y", buy, pay };
    }
    case PromotionActionKind.NTH_UNIT_PERCENT: {
      const nth = whole(input.nth, 2, 100) ?? (at("nth", "nth must be from 2 to 100."), 2);
      return { kind: "NTH_UNIT_PERCENT", nth, basisPoints: basisPoints() };
    }
    case PromotionActionKind.FREE_SHIPPING:
      return { kind: "FREE_SHIPPING" };
  }
}

/** The promotion the input describes, or every problem with it (nothing is stored then). */
export function promotionFromInput(input: PromotionInput, currencyCode: string): Omit<Promotion, "id"> {
  const problems: Problems = [];
  const title = input.title.trim();
  if (title.length < 1 || title.length > MAX_TITLE_LENGTH) problem(problems, ["title"], `title must be 1 to ${MAX_TITLE_LENGTH} characters.`);
  const code = input.code == null ? null : input.code.trim();
  if (code !== null && !CODE_PATTERN.test(code)) problem(problems, ["code"], "code must be 1 to 64 letters, digits, - or _.");
  const target = readTarget(input.target, problems);
  const action = readAction(input.action, currencyCode, problems);
  if (!actionsFor[input.target.kind].includes(input.action.kind)) problem(problems, ["action", "kind"], `${input.action.kind} cannot apply to a ${input.target.kind} target.`);
  const minSubtotalMinor = input.minSubtotal == null ? undefined : parseAmount(input.minSubtotal, currencyCode);
  if (minSubtotalMinor === null || (minSubtotalMinor !== undefined && minSubtotalMinor > MAX_SUBTOTAL_MINOR)) {
    problem(problems, ["minSubtotal"], `minSubtotal must be a decimal such as "75.00" in ${currencyCode}.`);
  }
  if (input.startsAt && input.endsAt && input.startsAt >= input.endsAt) problem(problems, ["endsAt"], "endsAt must be after startsAt.");
  if (whole(input.priority, 0, MAX_PRIORITY) === null) problem(problems, ["priority"], `priority must be from 0 to ${MAX_PRIORITY}.`);
  for (const name of ["usageLimit", "perCustomerLimit"] as const) {
    if (input[name] != null && whole(input[name], 1, 2_147_483_647) === null) problem(problems, [name], `${name} must be 1 or more, or left out for no limit.`);
  }
  const [first, ...rest] = problems;
  if (first) throw DomainError.of([first, ...rest]);

  const promotion = {
    title,
    code,
    target,
    action,
    conditions: minSubtotalMinor === undefined ? {} : { minSubtotalMinor: minSubtotalMinor as number },
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    stacking: input.stacking,
    priority: input.priority,
    usageLimit: input.usageLimit ?? null,
    perCustomerLimit: input.perCustomerLimit ?? null,
  } as Omit<Promotion, "id">;
  // The checks above are the engine's, said field by field; this is the last word on them.
  const refused = promotionProblem({ ...promotion, id: "new" } as Promotion);
  if (refused) throw new DomainError("INVALID_ARGUMENT", `The promotion cannot be applied: ${refused.message}.`, ["input"]);
  return promotion;
}
