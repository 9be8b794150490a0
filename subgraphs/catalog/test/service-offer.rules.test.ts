// Which services may go with a cart line of a product, or with a cart alone.
import { describe, expect, it } from "vitest";
import { availabilityOf, type OfferWithCategories } from "../src/service/service-offer.rules.js";

const offer = (fields: Partial<OfferWithCategories>): OfferWithCategories => ({
  id: "installation",
  title: "Installation",
  description: null,
  kind: "FOR_LINE",
  priceMinor: 8900,
  currencyCode: "USD",
  active: true,
  categoryIds: ["appliances", "kitchen"],
  ...fields,
});
const { categoryIds: _, ...installation } = offer({});

describe("service availability", () => {
  it("a FOR_LINE offer goes with a line of a product in one of its categories, and with no other", () => {
    expect(availabilityOf(offer({}), { kind: "LINE", product: { categoryId: "kitchen" } })).toEqual({ service: installation, available: true });
    expect(availabilityOf(offer({}), { kind: "LINE", product: { categoryId: "books" } })).toEqual({ service: installation, available: false });
    expect(availabilityOf(offer({}), { kind: "LINE", product: { categoryId: null } })).toEqual({ service: installation, available: false });
    expect(availabilityOf(offer({}), { kind: "LINE", product: null })).toEqual({ service: installation, available: false });
  });

  it("a FOR_LINE offer never goes with a cart alone, a STANDALONE one only does", () => {
    expect(availabilityOf(offer({}), { kind: "CART" })).toMatchObject({ available: false });
    const giftWrap = offer({ id: "gift-wrap", kind: "STANDALONE", categoryIds: [] });
    expect(availabilityOf(giftWrap, { kind: "CART" })).toMatchObject({ service: { id: "gift-wrap" }, available: true });
    expect(availabilityOf(giftWrap, { kind: "LINE", product: { categoryId: "kitchen" } })).toMatchObject({ service: { id: "gift-wrap" }, available: false });
  });

  it("an unknown or withdrawn offer is no service at all", () => {
    expect(availabilityOf(null, { kind: "CART" })).toEqual({ service: null, available: false });
    expect(availabilityOf(offer({ active: false }), { kind: "LINE", product: { categoryId: "kitchen" } })).toEqual({ service: null, available: false });
    expect(availabilityOf(offer({ kind: "STANDALONE", categoryIds: [], active: false }), { kind: "CART" })).toEqual({ service: null, available: false });
  });
});
