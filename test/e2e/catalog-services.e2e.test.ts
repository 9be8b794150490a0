// Weights and the services sold with the goods, through the front door: each product's weight and
// the line services its category offers (one query for a page of products), the standalone
// services, an admin setting a weight, and (for other contexts only) whether a service may go where
// a cart wants it. Offers come from the seed's services.rules.yaml; the tests that need an offer of
// their own make it with a fresh id, inactive or in a category of their own, so the seeded lists
// stay as the file says.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import { graphql, userToken } from "@trolley/testing";
import { products as seedProducts } from "../../prisma/catalog/seed.js";
import { createProducts } from "../support/catalog-products.js";
import { productIds } from "../support/fixtures.js";
import { recordingCatalogDb } from "../support/recording-db.js";
import { startStack, type Stack } from "../support/stack.js";

const DEV_INTERNAL_SECRET = "dev-internal-secret-change-me";
const OFFER = "id title description price { amount currencyCode } kind";
const PRODUCT = `query($id: ID!) { product(id: $id) { sku weightGrams services { ${OFFER} } } }`;
const SET_WEIGHT = `mutation($p: ID!, $g: Int!) { setProductWeight(productId: $p, weightGrams: $g) { product { weightGrams } userErrors { code field message } } }`;
const AVAILABILITY = `query($s: ID!, $p: ID) { serviceAvailability(serviceId: $s, productId: $p) { service { id kind } available } }`;

const { db: catalogDb, queries } = recordingCatalogDb();

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack({ catalogDb });
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

// As services.rules.yaml has them.
const installation = { id: "appliance-installation", title: "Appliance installation", price: { amount: "89.00", currencyCode: "USD" }, kind: "FOR_LINE" };
const haulAway = { id: "appliance-haul-away", title: "Haul-away of your old appliance", price: { amount: "35.00", currencyCode: "USD" }, kind: "FOR_LINE" };
const assembly = { id: "furniture-assembly", title: "Assembly", price: { amount: "79.00", currencyCode: "USD" }, kind: "FOR_LINE" };
const roomOfChoice = { id: "room-of-choice-delivery", title: "Room-of-choice delivery", price: { amount: "29.00", currencyCode: "USD" }, kind: "FOR_LINE" };

async function product(id: string) {
  const result = await stack.query(PRODUCT, { id });
  expect(result.errors).toBeUndefined();
  return result.data.product;
}

/** The catalog asked directly, as the cart asks it (with a service identity unless told otherwise). */
const askCatalog = (query: string, variables: Record<string, unknown>, identity = serviceIdentity("cart")) =>
  graphql(stack.catalog.url, query, { variables, headers: { [IDENTITY_HEADER]: signIdentity(identity, DEV_INTERNAL_SECRET) } });

const categoryId = async (slug: string) => (await stack.catalog.db.category.findUniqueOrThrow({ where: { slug } })).id;

describe("product weights", () => {
  it("every product of the demo seed has a real weight; heavy goods weigh tens of kilograms", async () => {
    const [washer, wardrobe, dripper] = await productIds(stack, ["APP-0001", "FUR-0002", "COF-0001"]);
    expect((await product(washer)).weightGrams).toBe(72_000);
    expect((await product(wardrobe)).weightGrams).toBe(95_000);
    expect((await product(dripper)).weightGrams).toBe(340);
    const weights = await stack.catalog.db.product.findMany({ where: { sku: { in: seedProducts.map((p) => p.sku) } }, select: { weightGrams: true } });
    expect(weights).toHaveLength(seedProducts.length);
    expect(weights.filter((p) => p.weightGrams === 0)).toEqual([]);
  });

  it("an admin sets a weight from 0 to 1,000,000 g, published as ProductWeightChanged; anything else is INVALID_WEIGHT and changes nothing", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { weightGrams: 500 });
    const set = await stack.query(SET_WEIGHT, { p, g: 1_250 }, admin);
    expect(set.data.setProductWeight).toEqual({ product: { weightGrams: 1_250 }, userErrors: [] });
    expect((await product(p)).weightGrams).toBe(1_250);

    for (const grams of [-1, 1_000_001]) {
      const refused = await stack.query(SET_WEIGHT, { p, g: grams }, admin);
      expect(refused.data.setProductWeight).toEqual({
        product: null,
        userErrors: [{ code: "INVALID_WEIGHT", field: ["weightGrams"], message: "Weight must be a whole number of grams from 0 to 1,000,000." }],
      });
    }
    expect((await stack.query(SET_WEIGHT, { p, g: 1_000_000 }, admin)).data.setProductWeight.product).toEqual({ weightGrams: 1_000_000 });
    expect((await stack.query(SET_WEIGHT, { p, g: 1 }, await userToken())).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await stack.query(SET_WEIGHT, { p: randomUUID(), g: 1 }, admin)).data.setProductWeight.userErrors[0].code).toBe("PRODUCT_NOT_FOUND");

    expect((await product(p)).weightGrams).toBe(1_000_000);
    const events = await stack.catalog.db.outboxEvent.findMany({ where: { aggregateId: p }, orderBy: { position: "asc" }, select: { type: true, data: true } });
    expect(events).toEqual([
      { type: "ProductWeightChanged", data: { productId: p, fromGrams: 500, toGrams: 1_250 } },
      { type: "ProductWeightChanged", data: { productId: p, fromGrams: 1_250, toGrams: 1_000_000 } },
    ]);
  });
});

describe("services of a product", () => {
  it("are the line services its category offers, by title: installation and haul-away for appliances, assembly for furniture, none for books", async () => {
    const [washer, sofa, book] = await productIds(stack, ["APP-0001", "FUR-0001", "BOO-0006"]);
    const services = async (id: string) => (await product(id)).services.map(({ description, ...offer }: { description: string }) => offer);
    expect(await services(washer)).toEqual([installation, haulAway, roomOfChoice]);
    expect(await services(sofa)).toEqual([assembly, roomOfChoice]);
    expect(await services(book)).toEqual([]);
    expect((await product(washer)).services[0].description).toMatch(/technician/);
  });

  it("leave out an offer that is withdrawn, and a product without a category offers none", async () => {
    const slug = `test-${randomUUID()}`;
    const category = await stack.catalog.db.category.create({ data: { slug, name: `Test ${slug}` } });
    const [offered, withdrawn] = [`test-offered-${randomUUID()}`, `test-withdrawn-${randomUUID()}`];
    for (const [id, active] of [[offered, true], [withdrawn, false]] as const) {
      await stack.catalog.db.serviceOffer.create({
        data: { id, title: `Test ${id}`, kind: "FOR_LINE", priceMinor: 1000, currencyCode: "USD", active, categories: { create: { categoryId: category.id } } },
      });
    }
    const [inCategory] = await createProducts(stack.catalog.db, 1, { categoryId: category.id });
    const [uncategorised] = await createProducts(stack.catalog.db, 1);
    expect((await product(inCategory)).services.map((offer: { id: string }) => offer.id)).toEqual([offered]);
    expect((await product(uncategorised)).services).toEqual([]);
  });

  it("cost one query for a whole page of products, whatever their categories", async () => {
    queries.length = 0;
    const result = await stack.query(`{ products(first: 50) { edges { node { category { slug } services { id } } } } }`);
    expect(result.errors).toBeUndefined();
    const slugs = new Set(result.data.products.edges.map((edge: any) => edge.node.category?.slug));
    expect(slugs.size).toBeGreaterThan(3);
    expect(queries.filter((sql) => /"catalog"\."service_offer/.test(sql))).toHaveLength(1);
  });
});

describe("standalone services", () => {
  it("are the services any cart may take, by title", async () => {
    const result = await stack.query(`{ standaloneServices { ${OFFER} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.standaloneServices.map(({ description: _, ...offer }: any) => offer)).toEqual([
      { id: "extended-support", title: "Extended support (2 years)", price: { amount: "19.00", currencyCode: "USD" }, kind: "STANDALONE" },
      { id: "gift-wrap", title: "Gift wrap", price: { amount: "6.50", currencyCode: "USD" }, kind: "STANDALONE" },
      { id: "sms-delivery-notice", title: "SMS notice of delivery", price: { amount: "0.99", currencyCode: "USD" }, kind: "STANDALONE" },
    ]);
  });
});

describe("a service offer reached by reference", () => {
  it("resolves by id, also once withdrawn (a cart may still hold it); an unknown id is null", async () => {
    const withdrawn = `test-withdrawn-${randomUUID()}`;
    await stack.catalog.db.serviceOffer.create({ data: { id: withdrawn, title: "Withdrawn", kind: "STANDALONE", priceMinor: 250, currencyCode: "USD", active: false } });
    const result = await askCatalog(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ServiceOffer { id title price { amount } } } }`, {
      r: ["gift-wrap", withdrawn, "no-such-service"].map((id) => ({ __typename: "ServiceOffer", id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([{ id: "gift-wrap", title: "Gift wrap", price: { amount: "6.50" } }, { id: withdrawn, title: "Withdrawn", price: { amount: "2.50" } }, null]);
  });
});

describe("service availability (services only)", () => {
  it("says whether a service may go with a line of a product, or with a cart alone", async () => {
    const [washer, sofa] = await productIds(stack, ["APP-0001", "FUR-0001"]);
    const ask = async (serviceId: string, productId: string | null) => {
      const result = await askCatalog(AVAILABILITY, { s: serviceId, p: productId });
      expect(result.errors).toBeUndefined();
      return result.data.serviceAvailability;
    };
    expect(await ask("appliance-installation", washer)).toEqual({ service: { id: "appliance-installation", kind: "FOR_LINE" }, available: true });
    expect(await ask("appliance-installation", sofa)).toEqual({ service: { id: "appliance-installation", kind: "FOR_LINE" }, available: false });
    expect(await ask("appliance-installation", null)).toEqual({ service: { id: "appliance-installation", kind: "FOR_LINE" }, available: false });
    expect(await ask("appliance-installation", randomUUID())).toEqual({ service: { id: "appliance-installation", kind: "FOR_LINE" }, available: false });
    expect(await ask("gift-wrap", null)).toEqual({ service: { id: "gift-wrap", kind: "STANDALONE" }, available: true });
    expect(await ask("gift-wrap", washer)).toEqual({ service: { id: "gift-wrap", kind: "STANDALONE" }, available: false });
    expect(await ask("no-such-service", null)).toEqual({ service: null, available: false });

    const withdrawn = `test-withdrawn-${randomUUID()}`;
    await stack.catalog.db.serviceOffer.create({ data: { id: withdrawn, title: "Withdrawn", kind: "STANDALONE", priceMinor: 250, currencyCode: "USD", active: false } });
    expect(await ask(withdrawn, null)).toEqual({ service: null, available: false });
  });

  it("answers services only, and the gateway does not show it", async () => {
    const asUser = await askCatalog(AVAILABILITY, { s: "gift-wrap", p: null }, { kind: "user", subject: "mallory", roles: ["customer", "admin"] });
    expect(asUser.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const throughGateway = await stack.query(AVAILABILITY, { s: "gift-wrap", p: null }, admin);
    expect(throughGateway.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
