// What the end-to-end pricing tests make for themselves: products with a chosen price, category
// and tax category (written straight into the catalog's database), categories, promotions and tax
// rates (through pricing's admin mutations at the gateway), and the one query that reads every
// priced field of a cart. Everything is fresh per call, so tests share nothing.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Stack } from "./stack.js";

export const MONEY = "{ amount }";
const DISCOUNT = `{ code title target amount ${MONEY} }`;
export const PRICED_CART = `{ cart {
  lines { productId quantity cost { amountPerQuantity ${MONEY} subtotal ${MONEY} discountTotal ${MONEY} tax ${MONEY} total ${MONEY} } discounts { title amount ${MONEY} } }
  cost { subtotal ${MONEY} discounts ${DISCOUNT} discountTotal ${MONEY} tax ${MONEY} taxIncluded taxEstimated total ${MONEY} }
  discountCodes { code applicable }
} }`;
export const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
export const APPLY = `mutation($code: String!) { applyDiscountCode(code: $code) { userErrors { code field } } }`;
const CREATE_PROMOTION = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id title code } userErrors { code field message } } }`;
const SET_TAX_RATE = `mutation($input: TaxRateInput!) { setTaxRate(input: $input) { taxRate { countryCode } userErrors { code field } } }`;

export const amount = (value: string) => ({ amount: value });
const tag = () => randomUUID().replaceAll("-", "").slice(0, 10);
/** A discount code no other test uses (letters and digits). */
export const newCode = () => `E2E${tag()}`.toUpperCase();

export type TaxCategory = "STANDARD" | "REDUCED" | "ZERO";

export async function createCategory(stack: Stack): Promise<string> {
  const slug = `test-${tag()}`;
  return (await stack.catalog.db.category.create({ data: { slug, name: `Test category ${slug}` } })).id;
}

/** One product of its own at `priceMinor` (USD minor units), in stock. */
export async function createProduct(stack: Stack, priceMinor: number, options: { categoryId?: string; taxCategory?: TaxCategory } = {}): Promise<string> {
  const id = randomUUID();
  await stack.catalog.db.product.create({
    data: { id, sku: `TEST-${tag()}`, name: `Test product ${id.slice(0, 8)}`, priceMinor, stockOnHand: 1000, categoryId: options.categoryId, taxCategory: options.taxCategory ?? "STANDARD" },
  });
  return id;
}

export interface CreatedPromotion {
  id: string;
  title: string;
  code: string | null;
}

/** A promotion through the admin mutation; a fresh title unless one is given. */
export async function createPromotion(stack: Stack, admin: string, input: Record<string, unknown>): Promise<CreatedPromotion> {
  const result = await stack.query(CREATE_PROMOTION, { input: { title: `Test promotion ${tag()}`, ...input } }, admin);
  expect(result.errors).toBeUndefined();
  expect(result.data.createPromotion.userErrors).toEqual([]);
  return result.data.createPromotion.promotion;
}

export async function setTaxRate(stack: Stack, admin: string, input: { countryCode: string; provinceCode?: string; standardPpm: number; reducedPpm: number; zeroPpm: number; taxesShipping?: boolean; taxesServices?: boolean }) {
  const result = await stack.query(SET_TAX_RATE, { input: { taxesShipping: false, taxesServices: false, ...input } }, admin);
  expect(result.errors).toBeUndefined();
  expect(result.data.setTaxRate.userErrors).toEqual([]);
}

/** Adds each [product, quantity] in order, so the cart's lines come back in this order. */
export async function fillCart(stack: Stack, token: string, lines: [string, number][]) {
  for (const [p, q] of lines) {
    const added = await stack.query(ADD, { p, q }, token);
    expect(added.errors).toBeUndefined();
    expect(added.data.addToCart.userErrors).toEqual([]);
  }
}

export async function pricedCart(stack: Stack, token: string) {
  const result = await stack.query(PRICED_CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

/** The expected shape of one priced line, amounts as decimal strings. */
export function pricedLine(
  productId: string,
  quantity: number,
  figures: { unit: string; subtotal: string; discountTotal: string; tax: string; total: string },
  discounts: { title: string; amount: string }[] = [],
) {
  return {
    productId,
    quantity,
    cost: {
      amountPerQuantity: amount(figures.unit),
      subtotal: amount(figures.subtotal),
      discountTotal: amount(figures.discountTotal),
      tax: amount(figures.tax),
      total: amount(figures.total),
    },
    discounts: discounts.map((d) => ({ title: d.title, amount: amount(d.amount) })),
  };
}

/** The expected shape of one discount of the cart's cost. */
export const cartDiscount = (promotion: CreatedPromotion, target: "LINE" | "ORDER" | "SHIPPING", value: string, code: string | null = null) => ({
  code,
  title: promotion.title,
  target,
  amount: amount(value),
});
