// The quote as checkout reads it from pricing's answer: the parts of the engine's Quote (its
// quoteJson) an order snapshots, checked for shape and agreement with the answer's own total and
// currency. Pure: the pricing client calls it; tests call it with hand-made answers.
export interface PricedQuoteLine {
  /** The id the request gave the line (the cart line's). */
  id: string;
  productId: string;
  quantity: number;
  amountPerQuantityMinor: number;
  subtotalMinor: number;
  /** This line's share of the LINE discounts. */
  discountTotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** A service sold with the goods, as the quote priced it. */
export interface PricedQuoteService {
  /** The id the request gave it (the cart's service line id). */
  id: string;
  lineId: string | null;
  quantity: number;
  amountPerQuantityMinor: number;
  subtotalMinor: number;
  taxMinor: number;
}

export interface PricedDiscount {
  promotionId: string;
  /** As the shopper entered it; null for an automatic promotion. */
  code: string | null;
  title: string;
  target: "LINE" | "ORDER" | "SHIPPING";
  /** What it takes off (positive). */
  amountMinor: number;
}

export interface PricedQuote {
  currencyCode: string;
  subtotalMinor: number;
  servicesSubtotalMinor: number;
  /** Null until a shipping option is selected. */
  shippingMinor: number | null;
  discounts: PricedDiscount[];
  discountTotalMinor: number;
  taxMinor: number;
  taxIncluded: boolean;
  totalMinor: number;
  lines: PricedQuoteLine[];
  services: PricedQuoteService[];
  hash: string;
}

/** What pricing's quoteCart answers. */
export interface QuoteAnswer {
  quoteJson: string;
  hash: string;
  totalMinor: string;
  currencyCode: string;
}

const TARGETS = new Set(["LINE", "ORDER", "SHIPPING"]);
const isAmount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);

function lineOf(value: unknown): PricedQuoteLine | null {
  if (!isObject(value)) return null;
  const { id, productId, quantity, amountPerQuantityMinor, subtotalMinor, discountTotalMinor, taxMinor, totalMinor } = value;
  if (!isText(id) || !isText(productId) || !Number.isSafeInteger(quantity) || (quantity as number) < 1) return null;
  if (![amountPerQuantityMinor, subtotalMinor, discountTotalMinor, taxMinor, totalMinor].every(isAmount)) return null;
  return { id, productId, quantity, amountPerQuantityMinor, subtotalMinor, discountTotalMinor, taxMinor, totalMinor } as PricedQuoteLine;
}

function serviceOf(value: unknown): PricedQuoteService | null {
  if (!isObject(value)) return null;
  const { id, lineId, quantity, amountPerQuantityMinor, subtotalMinor, taxMinor } = value;
  if (!isText(id) || !(lineId === null || isText(lineId)) || !Number.isSafeInteger(quantity) || (quantity as number) < 1) return null;
  if (![amountPerQuantityMinor, subtotalMinor, taxMinor].every(isAmount)) return null;
  return { id, lineId, quantity, amountPerQuantityMinor, subtotalMinor, taxMinor } as PricedQuoteService;
}

function discountOf(value: unknown): PricedDiscount | null {
  if (!isObject(value)) return null;
  const { promotionId, code, title, target, amountMinor } = value;
  if (!isText(promotionId) || !(code === null || isText(code)) || typeof title !== "string" || !TARGETS.has(target as string) || !isAmount(amountMinor)) return null;
  return { promotionId, code, title, target: target as PricedDiscount["target"], amountMinor };
}

/** The quote in pricing's answer, or null when the answer is not a quote this checkout can snapshot. */
export function readQuoteAnswer(answer: QuoteAnswer): PricedQuote | null {
  let quote: unknown;
  try {
    quote = JSON.parse(answer.quoteJson);
  } catch {
    return null;
  }
  if (!isObject(quote) || !Array.isArray(quote.lines) || !Array.isArray(quote.discounts)) return null;
  const lines = quote.lines.map(lineOf);
  // A quote from before services were part of it has none.
  const services = (Array.isArray(quote.services) ? quote.services : []).map(serviceOf);
  const discounts = quote.discounts.map(discountOf);
  const { currencyCode, subtotalMinor, servicesSubtotalMinor, shippingMinor, discountTotalMinor, taxMinor, taxIncluded, totalMinor, hash } = quote;
  if (lines.some((line) => line === null) || services.some((service) => service === null) || discounts.some((discount) => discount === null)) return null;
  if (![subtotalMinor, servicesSubtotalMinor, discountTotalMinor, taxMinor, totalMinor].every(isAmount) || !(shippingMinor === null || isAmount(shippingMinor))) return null;
  if (typeof taxIncluded !== "boolean" || !isText(currencyCode) || !isText(hash)) return null;
  // The answer's own fields say the same as the quote they carry.
  if (currencyCode !== answer.currencyCode || String(totalMinor) !== answer.totalMinor || hash !== answer.hash) return null;
  return {
    currencyCode,
    subtotalMinor,
    servicesSubtotalMinor,
    shippingMinor,
    discounts,
    discountTotalMinor,
    taxMinor,
    taxIncluded,
    totalMinor,
    lines,
    services,
    hash,
  } as PricedQuote;
}
