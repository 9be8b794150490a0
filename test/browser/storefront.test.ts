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
/** How long a change may take to show where no promise of speed is made (a loaded CI machine). */
const SETTLES = { timeout: 10_000 };
/** The live cart's promise: another tab shows a change within a second. */
const LIVE = { timeout: 1_000 };

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

/** The page shows `text` somewhere (waiting for it). */
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
    await expect.poll(() => page.getByTestId("cart-count").textContent(), SETTLES).toBe("2");

    // More than the stock: refused with the API's message, the cart as it was.
    await page.getByRole("link", { name: /^Cart/ }).click();
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    await page.getByLabel(`Quantity of ${name}`).fill("9");
    await page.getByRole("button", { name: "Update" }).click();
    await page.getByRole("alert").filter({ hasText: "OUT_OF_STOCK" }).waitFor();
    await page.getByLabel(`Quantity of ${name}`).fill("1");
    await page.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => page.getByTestId("cart-count").textContent(), SETTLES).toBe("1");
    await page.getByLabel(`Quantity of ${name}`).fill("2");
    await page.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => page.getByTestId("cart-total").textContent(), SETTLES).toBe("$53.62"); // 50.00 + CA 7.25% estimated: 3.625, half-even 3.62

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
    await expect.poll(() => page.getByTestId("cart-count").textContent(), SETTLES).toBe("4");
    await page.getByRole("link", { name: "View cart" }).click();
    await page.getByRole("textbox", { name: "Discount code" }).fill("SAVE10");
    await page.getByRole("button", { name: "Apply code" }).click();
    await says(page, "10% off your order (SAVE10)");
    // Goods 100.00 - 10.00, CA 7.25% of 90.00 = 6.525, half-even 6.52: 96.52.
    await expect.poll(() => page.getByTestId("cart-total").textContent(), SETTLES).toBe("$96.52");

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
    await expect.poll(() => page.getByTestId("cart-total").textContent(), SETTLES).toBe("$93.60");
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

  it("passes axe on every page, on a laptop and on a phone", async () => {
    const [productId] = await createProducts(shop.stack.catalog.db, 1, { priceMinor: 4200, stock: 50, categoryId: await categoryId("appliances"), weightGrams: 2000 });
    const userId = `axe-${randomUUID()}`;
    const token = await userToken({ sub: userId });
    const orderId = await placedOrder(productId, token);
    // And a cart with a line, a service and a code for the cart and checkout pages.
    const added = await api(ADD, { p: productId, q: 2 }, token);
    await api(`mutation($s: ID!, $l: ID) { addService(serviceId: $s, lineId: $l) { userErrors { code } } }`, { s: "gift-wrap", l: null }, token);
    expect(added.addToCart.userErrors).toEqual([]);

    const pages: [name: string, path: string, ready: (page: Page) => Promise<void>][] = [
      ["catalog", "/", (page) => says(page, /Showing 12 of \d+ products/)],
      ["product", `/products/${productId}`, (page) => page.getByRole("button", { name: "Add to cart" }).waitFor()],
      ["cart", "/cart", (page) => page.getByTestId("cart-total").waitFor()],
      ["checkout", "/checkout", (page) => page.getByRole("button", { name: "Place order" }).waitFor()],
      ["payment", `/orders/${orderId}/pay`, (page) => page.getByRole("button", { name: /^Pay/ }).waitFor()],
      ["order", `/orders/${orderId}`, (page) => says(page, "Status: Awaiting payment")],
      ["orders", "/orders", (page) => page.getByRole("link", { name: /^Order TR-/ }).first().waitFor()],
      ["sign-in", "/sign-in", (page) => page.getByLabel("User id").waitFor()],
    ];
    const { page } = await shop.newShopper({ token, userId });
    const violations: Record<string, unknown[]> = {};
    // Each page loads once and is checked at both sizes: the layout changes with the viewport, the content does not.
    for (const [name, path, ready] of pages) {
      await page.setViewportSize(LAPTOP);
      await page.goto(path);
      await ready(page);
      for (const viewport of [LAPTOP, PHONE]) {
        await page.setViewportSize(viewport);
        // Legacy mode runs axe in the page itself: no extra blank page per check (the app has no frames).
        const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
        const found = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
        if (found.length) violations[`${name} at ${viewport.width}x${viewport.height}`] = found;
      }
      if (name === "cart") await screenshot(page, "cart-phone");
      await page.setViewportSize(LAPTOP);
      await screenshot(page, name);
    }
    expect(violations).toEqual({});
  }, 60_000);

  it("can be bought from by keyboard alone", async () => {
    const [productId] = await createProducts(shop.stack.catalog.db, 1, { priceMinor: 1999, stock: 5, weightGrams: 300 });
    const name = await productName(productId);
    const { page } = await shop.newShopper();
    await page.goto("/");
    await says(page, /Showing 12 of \d+ products/);

    await tabTo(page, page.getByRole("searchbox", { name: "Search products" }));
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await says(page, "Showing 1 of 1 products");
    await tabTo(page, page.getByRole("link", { name }));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await tabTo(page, page.getByRole("button", { name: "Add to cart" }));
    await page.keyboard.press("Enter");
    await says(page, "Added to your cart.");
    await tabTo(page, page.getByRole("link", { name: "View cart" }));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    await tabTo(page, page.getByRole("link", { name: "Go to checkout" }));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Checkout" }).waitFor();

    await tabTo(page, page.getByLabel("Email for the order confirmation"));
    await page.keyboard.type("grace@example.com");
    await page.keyboard.press("Enter");
    await says(page, "Email saved: grace@example.com");
    for (const [label, value] of [["Full name", "Grace Hopper"], ["Address line 1", "1 Main Street"], ["City", "Austin"], ["State or province code", "TX"], ["Postal code", "73301"]]) {
      await tabTo(page, page.getByLabel(label));
      await page.keyboard.type(value);
    }
    await page.keyboard.press("Enter");
    await says(page, "Address saved.");
    // A radio group is one tab stop; the arrow keys choose within it.
    await tabTo(page, page.locator("input[name=shipping-option]").first());
    const pickup = page.getByRole("radio", { name: /^Collect in store/ });
    for (let i = 0; i < 10 && !(await pickup.isChecked()); i++) await page.keyboard.press("ArrowDown");
    expect(await pickup.isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: "Save shipping choice" }));
    await page.keyboard.press("Enter");
    await says(page, "Shipping: Collect in store");
    await tabTo(page, page.getByRole("button", { name: "Place order" }));
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 1, name: "Payment" }).waitFor();
    expect(await page.getByRole("radio", { name: /succeeds/ }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: /^Pay/ }));
    await page.keyboard.press("Enter");
    await page.locator(".order-status[data-status=PAID]").waitFor();
  }, 60_000);

  it("shows one shopper's cart changes in their other tab within a second, without a reload", async () => {
    const [productId] = await createProducts(shop.stack.catalog.db, 1, { priceMinor: 1000, stock: 50 });
    const name = await productName(productId);
    const userId = `live-${randomUUID()}`;
    const token = await userToken({ sub: userId });
    await api(ADD, { p: productId, q: 1 }, token);
    const first = await shop.newShopper({ token, userId });
    const second = await shop.newShopper({ token, userId });
    for (const { page } of [first, second]) {
      await page.goto("/cart");
      await page.getByLabel(`Quantity of ${name}`).waitFor();
    }
    // A change from elsewhere reaching both tabs proves both are subscribed; what follows is timed from here.
    await api(ADD, { p: productId, q: 1 }, token);
    for (const { page } of [first, second]) await expect.poll(() => page.getByTestId("cart-count").textContent(), SETTLES).toBe("2");

    await first.page.getByLabel(`Quantity of ${name}`).fill("3");
    await first.page.getByRole("button", { name: "Update" }).click();
    await expect.poll(() => first.page.getByTestId("cart-count").textContent(), SETTLES).toBe("3");
    await expect.poll(() => second.page.getByTestId("cart-count").textContent(), LIVE).toBe("3");
    await expect.poll(() => second.page.getByLabel(`Quantity of ${name}`).inputValue(), LIVE).toBe("3");

    await second.page.getByRole("button", { name: `Save ${name} for later` }).click();
    await second.page.getByRole("button", { name: `Move ${name} to cart` }).waitFor();
    await expect.poll(() => first.page.getByRole("button", { name: `Move ${name} to cart` }).count(), LIVE).toBe(1);
    await expect.poll(() => first.page.getByTestId("cart-count").textContent(), LIVE).toBe("0");
  }, 60_000);

  it("refuses a discontinued product in words, and with the catalog down shows the cart's lines by product id with a notice, not a blank page", async () => {
    const [productId, discontinued] = await createProducts(shop.stack.catalog.db, 2, { priceMinor: 1000, stock: 50 });
    const name = await productName(productId);
    const userId = `degraded-${randomUUID()}`;
    const token = await userToken({ sub: userId });
    await api(ADD, { p: productId, q: 2 }, token);
    const { page } = await shop.newShopper({ token, userId });
    // A discontinued product is refused with the API's words, before anything is down.
    await shop.stack.catalog.db.product.update({ where: { id: discontinued }, data: { status: "DISCONTINUED" } });
    await page.goto(`/products/${discontinued}`);
    await says(page, "Discontinued");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("alert").filter({ hasText: "PRODUCT_UNAVAILABLE" }).waitFor();

    await page.goto("/cart");
    await page.getByLabel(`Quantity of ${name}`).waitFor();

    // The catalog stops (the last test of the file: the stack's catalog does not come back).
    await shop.stack.catalog.close();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    await page.getByRole("heading", { level: 3, name: `Product ${productId}` }).waitFor();
    await says(page, "The details of this product are unavailable right now");
    await page.getByRole("status").filter({ hasText: "Some details are unavailable right now (catalog" }).waitFor();
    expect(await page.getByLabel(`Quantity of Product ${productId}`).inputValue()).toBe("2");
    await says(page, "Totals are unavailable right now");
    await screenshot(page, "cart-degraded");
  }, 60_000);
});

/** Presses Tab until `target` has the focus (at most 80 times): how a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab`);
}

/** An order awaiting payment, placed through the API: a line, collect in store, an email. */
async function placedOrder(productId: string, token: string): Promise<string> {
  await api(ADD, { p: productId, q: 1 }, token);
  await api(`mutation { setCartEmail(email: "axe@example.com") { userErrors { code } } }`, {}, token);
  await api(`mutation { selectShipping(optionId: "us-pickup") { userErrors { code } } }`, {}, token);
  const placed = await api(`mutation($k: String!) { checkout(idempotencyKey: $k) { order { id } userErrors { code message } } }`, { k: randomUUID() }, token);
  expect(placed.checkout.userErrors).toEqual([]);
  return placed.checkout.order.id;
}
