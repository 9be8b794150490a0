// The stock mutations over HTTP, as the order subgraph calls them: a service identity may, anyone
// else may not; and the relay puts the StockChanged events on the catalog-events stream.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { IDENTITY_HEADER, serviceIdentity, signIdentity, type Identity } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { CATALOG_EVENTS_STREAM, startCatalog, type CatalogApp } from "../src/app.js";
import { readCatalogConfig } from "../src/config.js";

const RESERVE = `mutation Reserve($reservationId: ID!, $lines: [StockLineInput!]!) {
  reserveStock(reservationId: $reservationId, lines: $lines) {
    reservation { id status lines { productId productName unitPriceMinor currencyCode quantity taxCategory categoryId } }
    userErrors { code field message }
  }
}`;

let app: CatalogApp;
const config = readCatalogConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });

beforeAll(async () => {
  app = await startCatalog(config, { background: false });
});
afterAll(() => app?.close());

const as = (identity: Identity) => ({ [IDENTITY_HEADER]: signIdentity(identity, config.INTERNAL_SECRET) });
const asOrderService = as(serviceIdentity("order"));

const newProduct = (stockOnHand: number) =>
  app.db.product.create({ data: { sku: `TEST-${randomUUID()}`, name: "Desk fan", priceMinor: 2999, stockOnHand }, select: { id: true } });

describe("stock mutations", () => {
  it("reserve, commit and release for a service", async () => {
    const product = await newProduct(3);
    const reservationId = randomUUID();

    const reserved = await graphql(app.url, RESERVE, { variables: { reservationId, lines: [{ productId: product.id, quantity: 2 }] }, headers: asOrderService });
    expect(reserved.errors).toBeUndefined();
    expect(reserved.data.reserveStock).toEqual({
      reservation: {
        id: reservationId,
        status: "RESERVED",
        lines: [{ productId: product.id, productName: "Desk fan", unitPriceMinor: 2999, currencyCode: "USD", quantity: 2, taxCategory: "STANDARD", categoryId: null }],
      },
      userErrors: [],
    });

    const refused = await graphql(app.url, RESERVE, { variables: { reservationId: randomUUID(), lines: [{ productId: product.id, quantity: 2 }] }, headers: asOrderService });
    expect(refused.data.reserveStock).toEqual({ reservation: null, userErrors: [{ code: "OUT_OF_STOCK", field: ["lines", "0"], message: "Only 1 left in stock." }] });

    const commit = `mutation($id: ID!) { commitStock(reservationId: $id) }`;
    expect((await graphql(app.url, commit, { variables: { id: reservationId }, headers: asOrderService })).data).toEqual({ commitStock: true });
    expect((await graphql(app.url, commit, { variables: { id: reservationId }, headers: asOrderService })).data).toEqual({ commitStock: false });
    const release = `mutation($id: ID!) { releaseStock(reservationId: $id) }`;
    expect((await graphql(app.url, release, { variables: { id: reservationId }, headers: asOrderService })).data).toEqual({ releaseStock: false });
    expect(await app.db.product.findUniqueOrThrow({ where: { id: product.id }, select: { stockOnHand: true, stockReserved: true } })).toEqual({
      stockOnHand: 1,
      stockReserved: 0,
    });
  });

  it("refuses users, admins and anonymous callers with FORBIDDEN", async () => {
    const product = await newProduct(3);
    const callers = [{}, as({ kind: "user", subject: "user-1", roles: ["admin"] }), as({ kind: "guest", subject: "guest:x", roles: ["guest"] })];
    for (const headers of callers) {
      const response = await graphql(app.url, RESERVE, { variables: { reservationId: randomUUID(), lines: [{ productId: product.id, quantity: 1 }] }, headers });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const release = await graphql(app.url, `mutation { releaseStock(reservationId: "x") }`, { headers });
      expect(release.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await app.db.product.findUniqueOrThrow({ where: { id: product.id }, select: { stockReserved: true } })).toEqual({ stockReserved: 0 });
  });

  it("publishes the StockChanged events to the catalog-events stream", async () => {
    const product = await newProduct(5);
    const reservationId = randomUUID();
    await graphql(app.url, RESERVE, { variables: { reservationId, lines: [{ productId: product.id, quantity: 1 }] }, headers: asOrderService });

    await app.relay.drain();

    // A plain client: it queues commands until connected, unlike the services' fail-fast one.
    const redis = new Redis(config.REDIS_URL);
    try {
      const entries = await redis.xrange(CATALOG_EVENTS_STREAM, "-", "+");
      const events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1]));
      expect(events).toContainEqual(
        expect.objectContaining({
          type: "StockChanged",
          aggregateId: product.id,
          userId: null,
          data: { productId: product.id, availableQuantity: 4, reason: "RESERVED", reservationId },
        }),
      );
    } finally {
      redis.disconnect();
    }
  });
});
