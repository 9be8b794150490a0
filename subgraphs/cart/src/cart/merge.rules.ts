// How a guest cart's lines and codes fold into a user's cart on sign-in. Pure: lines and products
// in, the quantities to set and the warnings to show out; codes in, the codes to move out. Quantities add up, capped by available stock and
// the per-line limit; a line that cannot come along is skipped with a warning, never an error, so
// one gone product does not block the rest of the merge.
import type { UserErrorData } from "@trolley/errors";
import { MAX_LINES_PER_CART, MAX_QUANTITY_PER_LINE, type ProductAvailability } from "./cart.rules.js";

export interface MergeLine {
  productId: string;
  quantity: number;
}

export interface MergePlan {
  /** Quantities to set on the user's cart, one per product that changes. */
  set: MergeLine[];
  warnings: UserErrorData[];
}

export function planMerge(userLines: MergeLine[], guestLines: MergeLine[], products: Map<string, ProductAvailability>): MergePlan {
  const current = new Map(userLines.map((line) => [line.productId, line.quantity]));
  let lineCount = current.size;
  const plan: MergePlan = { set: [], warnings: [] };
  const skip = (productId: string, why: string) =>
    plan.warnings.push({ code: "MERGE_LINE_SKIPPED", message: `Product ${productId} was not merged: ${why}.`, field: ["guestToken"] });

  for (const line of guestLines) {
    const product = products.get(line.productId);
    const existing = current.get(line.productId) ?? 0;
    if (!product) { skip(line.productId, "it could not be found in the catalog"); continue; }
    if (product.status !== "ACTIVE") { skip(line.productId, "it is discontinued"); continue; }
    if (existing === 0 && lineCount >= MAX_LINES_PER_CART) { skip(line.productId, `the cart already holds ${MAX_LINES_PER_CART} lines`); continue; }

    const wanted = existing + line.quantity;
    const target = Math.min(wanted, MAX_QUANTITY_PER_LINE, product.availableQuantity);
    if (target <= existing) {
      // Never lower what the user already had; the guest's units simply do not come along.
      if (existing === 0) skip(line.productId, "it is out of stock");
      else plan.warnings.push({ code: "MERGE_QUANTITY_CAPPED", message: `Product ${line.productId} stays at ${existing}: no more can be added.`, field: ["guestToken"] });
      continue;
    }
    if (target < wanted) {
      const limit = target === MAX_QUANTITY_PER_LINE ? "the per-line limit" : "the available stock";
      plan.warnings.push({ code: "MERGE_QUANTITY_CAPPED", message: `Product ${line.productId} was capped at ${target} by ${limit} (${wanted} asked).`, field: ["guestToken"] });
    }
    if (existing === 0) lineCount++;
    current.set(line.productId, target);
    plan.set.push({ productId: line.productId, quantity: target });
  }
  return plan;
}

/** A held code with the key Postgres matches codes by (lower(code)). */
export interface MergeCode {
  code: string;
  codeKey: string;
}

/** The guest's codes the user does not hold yet (in any case), in the guest's entry order, after the user's own. */
export function codesToMerge(userCodes: MergeCode[], guestCodes: MergeCode[]): MergeCode[] {
  const held = new Set(userCodes.map((code) => code.codeKey));
  return guestCodes.filter((code) => !held.has(code.codeKey));
}
