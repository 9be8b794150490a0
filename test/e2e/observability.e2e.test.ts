// What an operator sees of Trolley: /metrics on every process, with the business counters moving as
// shoppers buy; and one request followed across processes by its id in the JSON logs.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOut } from "../support/delivery.js";
import { freePorts, ServiceProcess } from "../support/service-process.js";
import { startStack, type Stack } from "../support/stack.js";

describe("metrics", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const ADD = `mutation AddToCart($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
  const CHECKOUT = `mutation Checkout($k: String!) { checkout(idempotencyKey: $k) { order { id } userErrors { code } } }`;
  const PAY = `mutation PayOrder($o: ID!, $t: String!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) { payment { status } userErrors { code } } }`;

  const scrapeAll = async () => {
    const [gateway, cart, order, payment] = await Promise.all([stack.gateway, stack.cart, stack.order, stack.payment].map((app) => scrapeMetrics(app.metricsUrl)));
    return { gateway, cart, order, payment };
  };
  type Scrape = Awaited<ReturnType<typeof scrapeAll>>;
  const delta = (before: Scrape, after: Scrape, service: keyof Scrape, name: string, labels: Record<string, string> = {}) =>
    sampleValue(after[service], name, labels) - sampleValue(before[service], name, labels);

  it("serve Prometheus text on every process, on its metrics port and never its public one", async () => {
    for (const app of [stack.gateway, stack.catalog, stack.cart, stack.order, stack.payment, stack.pricing, stack.shipping]) {
      expect(new URL(app.metricsUrl).port).not.toBe(String(app.port));
      const publicPort = await fetch(new URL("/metrics", app.url));
      expect(publicPort.status).toBe(404);
      expect(await publicPort.text()).not.toContain("trolley_");
      const response = await fetch(app.metricsUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain("# TYPE trolley_http_requests_total counter");
      expect(text).toContain("process_cpu_user_seconds_total");
    }
  });

  it("count carts, items, checkouts and payments as a shopper buys through the gateway", async () => {
    const [product] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 10 });
    const shopper = await userToken();
    const browser = await userToken();
    const before = await scrapeAll();

    expect((await stack.query(ADD, { p: product, q: 3 }, shopper)).data.addToCart.userErrors).toEqual([]);
    await readyToCheckOut(stack, shopper);
    const placed = (await stack.query(CHECKOUT, { k: randomUUID() }, shopper)).data.checkout;
    expect(placed.userErrors).toEqual([]);
    expect((await stack.query(CHECKOUT, { k: randomUUID() }, browser)).data.checkout.userErrors.map((e: { code: string }) => e.code)).toEqual(["CART_EMPTY"]);
    const declined = (await stack.query(PAY, { o: placed.order.id, t: "tok_chargeDeclined", k: randomUUID() }, shopper)).data.payOrder;
    expect(declined.payment.status).toBe("FAILED");
    const paid = (await stack.query(PAY, { o: placed.order.id, t: "tok_visa", k: randomUUID() }, shopper)).data.payOrder;
    expect(paid.payment.status).toBe("SUCCEEDED");

    const after = await scrapeAll();
    // The shopper's cart was made by the add; reading the browser's empty cart made none.
    expect(delta(before, after, "cart", "trolley_carts_created_total")).toBe(1);
    expect(delta(before, after, "cart", "trolley_cart_items_added_total")).toBe(3);
    expect(delta(before, after, "order", "trolley_checkouts_total", { outcome: "placed" })).toBe(1);
    expect(delta(before, after, "order", "trolley_checkouts_total", { outcome: "refused" })).toBe(1);
    expect(delta(before, after, "payment", "trolley_payments_total", { outcome: "failed" })).toBe(1);
    expect(delta(before, after, "payment", "trolley_payments_total", { outcome: "succeeded" })).toBe(1);
    expect(delta(before, after, "payment", "trolley_payments_total", { outcome: "refunded" })).toBe(0);

    // The gateway: operations by name, and its calls to each subgraph.
    expect(delta(before, after, "gateway", "trolley_graphql_operations_total", { operation: "AddToCart" })).toBe(1);
    expect(delta(before, after, "gateway", "trolley_graphql_operations_total", { operation: "Checkout" })).toBe(2);
    expect(delta(before, after, "gateway", "trolley_graphql_operation_duration_seconds_count", { operation: "PayOrder" })).toBe(2);
    expect(delta(before, after, "gateway", "trolley_subgraph_fetch_duration_seconds_count", { subgraph: "cart" })).toBeGreaterThanOrEqual(1);
    expect(delta(before, after, "gateway", "trolley_subgraph_fetch_duration_seconds_count", { subgraph: "order" })).toBeGreaterThanOrEqual(2);
    expect(delta(before, after, "gateway", "trolley_subgraph_fetch_failures_total")).toBe(0);
    // A subgraph sees the operation under the name the gateway's query plan gave its part.
    expect(delta(before, after, "cart", "trolley_graphql_operations_total", { operation: "AddToCart__cart__0" })).toBe(1);
    // The provider's webhooks reached the payment process's own route.
    await expect.poll(async () => sampleValue(await scrapeMetrics(stack.payment.metricsUrl), "trolley_http_requests_total", { route: "/webhooks/test", status: "200" })).toBeGreaterThanOrEqual(2);
  });

  it("count the gateway's errors by code", async () => {
    const before = await scrapeAll();
    const invalid = await stack.query(`query Misspelled { prodcts { id } }`);
    expect(invalid.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const after = await scrapeAll();
    expect(delta(before, after, "gateway", "trolley_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
  });
});

describe("request ids across processes", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const processes: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  let catalog: ServiceProcess;

  beforeAll(async () => {
    const [gatewayPort, catalogPort, ...closed] = await freePorts(7);
    const env = { NODE_ENV: "test", LOG_LEVEL: "info", OTEL_TRACES_EXPORTER: "none", METRICS_PORT: "0" };
    catalog = new ServiceProcess(root, "subgraphs/catalog/src/main.ts", { ...env, PORT: String(catalogPort) });
    processes.push(catalog);
    gateway = new ServiceProcess(root, "gateway/src/main.ts", {
      ...env,
      PORT: String(gatewayPort),
      CATALOG_URL: `http://127.0.0.1:${catalogPort}/graphql`,
      // Nothing listens on these: the cart, order, payment, pricing and shipping subgraphs are down.
      CART_URL: `http://127.0.0.1:${closed[0]}/graphql`,
      ORDER_URL: `http://127.0.0.1:${closed[1]}/graphql`,
      PAYMENT_URL: `http://127.0.0.1:${closed[2]}/graphql`,
      PRICING_URL: `http://127.0.0.1:${closed[3]}/graphql`,
      SHIPPING_URL: `http://127.0.0.1:${closed[4]}/graphql`,
    });
    processes.push(gateway);
    await Promise.all([catalog.until(`http://127.0.0.1:${catalogPort}/health/ready`), gateway.until(`http://127.0.0.1:${gatewayPort}/health/live`)]);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
  });

  it("are in the access logs of the gateway and of the subgraph that served the request", async () => {
    const requestId = `test-${randomUUID()}`;
    const response = await graphql(gateway.url, `query CatalogPage { products(first: 1) { edges { node { id } } } }`, { headers: { "x-request-id": requestId } });
    expect(response.data.products.edges).toHaveLength(1);

    const gatewayAccess = await gateway.lineOf(requestId, "request");
    expect(gatewayAccess).toMatchObject({ level: "info", service: "gateway", method: "POST", path: "/graphql", status: 200, operationName: "CatalogPage" });
    expect(gatewayAccess.durationMs).toBeGreaterThan(0);
    const catalogAccess = await catalog.lineOf(requestId, "request");
    expect(catalogAccess).toMatchObject({ level: "info", service: "catalog", status: 200, operationName: "CatalogPage__catalog__0" });
  });

  it("are the gateway's own when the client's is long or unusual, and that is what the subgraph sees", async () => {
    for (const sent of [`test-${"x".repeat(200)}`, "test id with spaces"]) {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": sent },
        body: JSON.stringify({ query: "query CatalogPage { products(first: 1) { edges { node { id } } } }" }),
      });
      await response.text();
      const requestId = response.headers.get("x-request-id")!;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await catalog.lineOf(requestId, "request")).toMatchObject({ service: "catalog", operationName: "CatalogPage__catalog__0" });
    }
  });

  it("are in the gateway's error log of a failed subgraph call and the other subgraph's access log", async () => {
    const requestId = `test-${randomUUID()}`;
    const response = await graphql(gateway.url, `query Mixed { products(first: 1) { edges { node { id } } } cart { id } }`, { headers: { "x-request-id": requestId } });
    expect(response.errors?.map((e) => e.extensions?.code)).toContain("SERVICE_UNAVAILABLE");
    // The client is told which service failed, not how; the log has the how.
    expect(JSON.stringify(response)).not.toContain("ECONNREFUSED");

    const failure = await gateway.lineOf(requestId, "subgraph request failed");
    expect(failure).toMatchObject({ level: "warn", service: "gateway", subgraph: "cart", error: { message: expect.stringContaining("cart service is unavailable") } });
    expect(JSON.stringify(failure.error.cause)).toContain("ECONNREFUSED");
    expect(await gateway.lineOf(requestId, "request")).toMatchObject({ operationName: "Mixed" });
    expect(await catalog.lineOf(requestId, "request")).toMatchObject({ service: "catalog", operationName: "Mixed__catalog__0" });
  });
});
