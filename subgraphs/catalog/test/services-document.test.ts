// The services rules file: what it may say, and that the one the seed reads says it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readServicesDocument } from "../src/service/services-document.js";
import { categories } from "../../../prisma/catalog/seed.js";

const slugs = new Set(["appliances", "furniture", "books"]);
const read = (text: string) => readServicesDocument(parse(text), slugs);

describe("the services rules document", () => {
  it("reads FOR_LINE services with their categories and STANDALONE ones without, prices in minor units", () => {
    const rules = read(`
currency: USD
services:
  - { id: installation, kind: FOR_LINE, title: " Installation ", description: Connected and levelled., price: "89.00", categories: [appliances, furniture] }
  - { id: gift-wrap, kind: STANDALONE, title: Gift wrap, price: "6.5", active: false }
`);
    expect(rules).toEqual([
      { id: "installation", kind: "FOR_LINE", title: "Installation", description: "Connected and levelled.", priceMinor: 8900, currencyCode: "USD", active: true, categorySlugs: ["appliances", "furniture"] },
      { id: "gift-wrap", kind: "STANDALONE", title: "Gift wrap", description: null, priceMinor: 650, currencyCode: "USD", active: false, categorySlugs: [] },
    ]);
  });

  it("refuses a bad file with every problem it has, naming the service", () => {
    const attempt = () =>
      read(`
currency: usd
services:
  - { id: Installation!, kind: FOR_LINE, title: Installation, price: "89.00", categories: [] }
  - { id: haul-away, kind: FOR_LINE, title: Haul-away, price: 35.5, categories: [kitchen] }
  - { id: gift-wrap, kind: STANDALONE, title: "", price: "1000000.00", categories: [books], colour: red }
  - { id: gift-wrap, kind: EXTRA, title: Gift wrap, price: "1.00", active: "yes" }
`);
    expect(attempt).toThrow(
      [
        "services.rules.yaml:",
        "  `currency` must be an ISO 4217 code such as USD",
        "  services[0] (Installation!): `id` must be lower-case letters, digits and dashes (at most 63)",
        "  services[0] (Installation!): a FOR_LINE service needs at least one category",
        '  services[1] (haul-away): `price` must be a quoted decimal amount such as "19.99"',
        "  services[1] (haul-away): unknown category `kitchen`",
        "  services[2] (gift-wrap): unknown key `colour`",
        "  services[2] (gift-wrap): `title` must be text of 1 to 200 characters",
        "  services[2] (gift-wrap): `price` can be at most 999999.99",
        "  services[2] (gift-wrap): a STANDALONE service is sold with any cart: it takes no categories",
        "  services[3] (gift-wrap): `id` is used by an earlier service",
        "  services[3] (gift-wrap): `kind` must be FOR_LINE or STANDALONE",
        "  services[3] (gift-wrap): `active` must be true or false",
      ].join("\n"),
    );
  });

  it("bounds a price like a product's unit price", () => {
    expect(() => read(`{ currency: USD, services: [{ id: big, kind: STANDALONE, title: Big, price: "1000000.00" }] }`)).toThrow(
      "services[0] (big): `price` can be at most 999999.99",
    );
  });

  it("the seed's file offers installation and haul-away for appliances, assembly for furniture, and standalone services for any cart", () => {
    const rules = readServicesDocument(parse(readFileSync(new URL("../../../prisma/catalog/services.rules.yaml", import.meta.url), "utf8")), new Set(categories.map((c) => c.slug)));
    const forCategory = (slug: string) => rules.filter((rule) => rule.kind === "FOR_LINE" && rule.categorySlugs.includes(slug)).map((rule) => rule.id);
    expect(forCategory("appliances")).toEqual(expect.arrayContaining(["appliance-installation", "appliance-haul-away"]));
    expect(forCategory("furniture")).toContain("furniture-assembly");
    expect(rules.filter((rule) => rule.kind === "STANDALONE").map((rule) => rule.id)).toEqual(["gift-wrap", "sms-delivery-notice", "extended-support"]);
    expect(rules.every((rule) => rule.currencyCode === "USD" && rule.active)).toBe(true);
  });
});
