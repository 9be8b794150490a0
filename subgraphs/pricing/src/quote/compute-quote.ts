// The pricing engine: the one quote of a cart, from its lines, services, shipping, address and
// codes and the promotion rules and tax rates in effect. Pure: no I/O and no clock (the instant is
// part of the input); integer minor units throughout, on bigint wherever a product can pass 2^53.
//
// The rules, in the order they are applied:
//  1. Input. One currency throughout; prices are integers from 0 to MAX_UNIT_PRICE_MINOR and
//     quantities positive integers. Anything else throws a QuoteInputError with a stable code.
//  2. Promotions the cart has. Every automatic promotion (no code), and each one whose code the
//     cart holds (matched case-insensitively), while the quote's instant is inside its window:
//     `startsAt` inclusive, `endsAt` exclusive. Usage limits are the service's business, not this.
//  3. Order of application. LINE promotions (PRODUCTS or CATEGORY targets) first, by priority
//     (lower first, equal ones in input order), each on what the eligible lines have left after
//     the ones before, so a line's discounts never exceed its subtotal. Then ORDER promotions on
//     the goods net after line discounts (each on what the order promotions before it left). Then
//     SHIPPING promotions on the shipping price (each on what the ones before it left).
//  4. Conditions. A line promotion's minimum subtotal is judged on the goods subtotal before any
//     discount; an order or shipping promotion's (free shipping over an amount included) on the
//     goods subtotal after line discounts.
//  5. Amounts. A percentage (basis points) is taken once on the eligible sum, rounded half-even,
//     then allocated to the eligible lines by largest remainder in proportion to what each has
//     left (equal remainders to the earlier line), so the parts sum exactly to it. A fixed amount
//     is capped at the eligible sum and allocated the same way. Buy X pay Y pools the eligible
//     units of all lines, dearest first, in groups of X; the X - Y cheapest of each full group are
//     free. Nth unit at a percentage: the percentage once on the prices of the discounted units
//     (floor(quantity / n) per line) summed over the lines, then allocated. These two unit-based
//     kinds price a unit at its unit price; each line's part is capped at what it has left.
//  6. Exclusivity. The stackable promotions together are one scenario, each exclusive promotion
//     alone another; the shopper gets the scenario that takes off the most in all (LINE + ORDER +
//     SHIPPING). A tie goes to the stackable set; between exclusives, to the first by priority.
//  7. Order discounts on lines. A line's `discountTotal` and `discounts` are its LINE discounts
//     only (the contract's lines sum to the LINE discounts); its share of the ORDER discounts,
//     allocated by largest remainder over the lines' nets, is `orderDiscountShareMinor` and comes
//     off its tax base.
//  8. Tax. By the address's country, or its province where the table has an entry for it (which
//     then replaces the country's entry whole); before an address, the shop's default country (and
//     province, if the shop names one), and `taxEstimated`. A place with no entry is not taxed (the shop collects only where registered).
//     Per line, on its net after line discounts and its order-discount share, at its tax category's
//     rate (parts per million), rounded half-even per line. Prices without tax: tax = net × rate,
//     added to the total. Prices with tax (`taxIncluded`): tax = net × rate / (1 + rate), inside
//     the amounts. Services (never discounted) and shipping (after shipping discounts) are taxed
//     at the standard rate only where the entry says `taxesServices` / `taxesShipping`.
//  9. Totals. `subtotal` is the lines' subtotals; `discountTotal` every discount (LINE, ORDER,
//     SHIPPING); `total = subtotal + servicesSubtotal + (shipping ?? 0) - discountTotal`, plus tax
//     unless included. A line's `total = subtotal - discountTotal`, plus its tax unless included.
// 10. Codes. Each held code is UNKNOWN (no promotion has it), NOT_STARTED or EXPIRED (window),
//     CONDITIONS_NOT_MET (in its scenario its conditions fail or it takes nothing off; a shipping
//     promotion before a shipping selection counts as taking something once its conditions hold),
//     NOT_CHOSEN (its scenario lost to a better one), or else applicable.
// 11. Hash. SHA-256 of the quote's canonical JSON (sorted keys), the hash itself left out.
import { sumMinor } from "@trolley/federation";
import { choosePromotions } from "./choose-promotions.js";
import { codeStandings } from "./code-standings.js";
import { heldPromotions } from "./held-promotions.js";
import { quoteHash } from "./quote-hash.js";
import type { Quote, QuoteInput, QuoteLine, QuoteServiceLine } from "./quote.types.js";
import { computeTax } from "./tax.js";
import { validateQuoteInput } from "./validate-quote-input.js";

export function computeQuote(input: QuoteInput): Quote {
  validateQuoteInput(input);
  const choice = choosePromotions(input, heldPromotions(input));
  const { chosen } = choice;
  const shippingMinor = input.shipping?.priceMinor ?? null;
  const tax = computeTax(input, chosen.lines, (shippingMinor ?? 0) - chosen.shippingDiscountMinor);
  const { taxIncluded } = input.shop;
  const taxAdded = (taxMinor: number) => (taxIncluded ? 0 : taxMinor);

  const lines = chosen.lines.map((state, index): QuoteLine => {
    const { ratePpm, taxMinor } = tax.lines[index];
    return {
      id: state.line.id,
      productId: state.line.productId,
      quantity: state.line.quantity,
      amountPerQuantityMinor: state.line.unitPriceMinor,
      subtotalMinor: state.subtotalMinor,
      discountTotalMinor: state.lineDiscountMinor,
      discounts: state.shares,
      orderDiscountShareMinor: state.orderDiscountShareMinor,
      taxRatePpm: ratePpm,
      taxMinor,
      totalMinor: state.subtotalMinor - state.lineDiscountMinor + taxAdded(taxMinor),
    };
  });
  const services = tax.services.map(({ service, subtotalMinor, ratePpm, taxMinor }): QuoteServiceLine => ({
    id: service.id,
    lineId: service.lineId,
    quantity: service.quantity,
    amountPerQuantityMinor: service.unitPriceMinor,
    subtotalMinor,
    taxRatePpm: ratePpm,
    taxMinor,
  }));

  const subtotalMinor = sumMinor(lines.map((line) => line.subtotalMinor));
  const servicesSubtotalMinor = sumMinor(services.map((service) => service.subtotalMinor));
  const taxMinor = sumMinor([...lines.map((line) => line.taxMinor), ...services.map((service) => service.taxMinor), tax.shipping.taxMinor]);
  const content: Omit<Quote, "hash"> = {
    currencyCode: input.currencyCode,
    subtotalMinor,
    servicesSubtotalMinor,
    shippingMinor,
    discounts: chosen.discounts,
    discountTotalMinor: chosen.discountTotalMinor,
    taxMinor,
    shippingTaxMinor: tax.shipping.taxMinor,
    taxIncluded,
    taxEstimated: tax.place.estimated,
    taxCountryCode: tax.place.countryCode,
    taxProvinceCode: tax.place.provinceCode,
    totalMinor: sumMinor([subtotalMinor, servicesSubtotalMinor, shippingMinor ?? 0, -chosen.discountTotalMinor, taxAdded(taxMinor)]),
    lines,
    services,
    codes: codeStandings(input, choice),
  };
  return { ...content, hash: quoteHash(content) };
}
