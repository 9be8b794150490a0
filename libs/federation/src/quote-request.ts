// What a service sends the pricing context to price a cart (its QuoteRequestInput): the cart's
// lines with the catalog's prices, the codes it holds, where it goes and who buys. Declared once
// here for every caller (the cart judging codes, the order at checkout); pricing's GraphQL input
// types are the other side. Amounts travel as digit strings of minor units.

/** The catalog's TaxCategory: which of a place's tax rates applies to a product. */
export type TaxCategory = "STANDARD" | "REDUCED" | "ZERO";

/** One line to price (pricing's QuoteLineInput). */
export interface QuoteLineRequest {
  id: string;
  productId: string;
  quantity: number;
  unitPriceMinor: string;
  currencyCode: string;
  taxCategory: TaxCategory;
  categoryId: string | null;
}

/** A service sold with the goods (pricing's QuoteServiceInput): attached to a line, or standalone. */
export interface QuoteServiceRequest {
  id: string;
  /** The cart line it belongs to; null for a standalone service. */
  lineId: string | null;
  quantity: number;
  unitPriceMinor: string;
  currencyCode: string;
}

/** Whom per-customer code limits count against: a signed-in user's id, or the cart's email; neither for a guest without one. */
export interface QuoteCustomer {
  userId: string | null;
  email: string | null;
}

/** Pricing's QuoteRequestInput. */
export interface QuoteRequest {
  lines: QuoteLineRequest[];
  /** Services sold with the goods; none when absent. */
  services?: QuoteServiceRequest[];
  /** As the shopper entered them, in entry order. */
  codes: string[];
  address: { countryCode: string; provinceCode: string | null } | null;
  shippingPriceMinor: string | null;
  currencyCode: string;
  customer: QuoteCustomer;
}
