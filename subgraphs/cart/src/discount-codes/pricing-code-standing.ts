// After a change to a cart that holds codes: which of them stopped applying. The catalog's prices
// for the lines before and after, then one discountCodeStanding question to pricing per cart the
// change started from (one, or two for a merge). Best effort, after the change committed: with
// the catalog or pricing unreachable the change stands without warnings, and the outage is logged.
import type { UserErrorData } from "@trolley/errors";
import type { Logger } from "@trolley/http";
import type { CodeStandingCheck, CodedCart } from "../cart/cart-changes.js";
import type { CatalogClient } from "../clients/catalog.client.js";
import type { PricingClient } from "../clients/pricing.client.js";
import { codesStoppedApplying, couldStopApplying, standingAcross } from "./discount-code.rules.js";
import { customerOf, quoteRequest } from "./quote-request.rules.js";

export class PricingCodeStanding implements CodeStandingCheck {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly pricing: PricingClient,
    private readonly storeCurrency: string,
    private readonly logger: Pick<Logger, "warn">,
  ) {}

  async stoppedApplying(befores: CodedCart[], after: CodedCart): Promise<UserErrorData[]> {
    const keys = (cart: CodedCart) => cart.codes.map((code) => code.codeKey);
    const relevant = befores.filter((before) => couldStopApplying(keys(before), keys(after)));
    if (relevant.length === 0) return [];
    try {
      const products = await this.catalog.products([...new Set([...relevant, after].flatMap((cart) => cart.lines.map((line) => line.productId)))]);
      const request = (cart: CodedCart) =>
        quoteRequest(cart.lines, cart.codes.map((code) => code.code), products, customerOf(cart.ownerId), this.storeCurrency);
      const answers = await Promise.all(relevant.map((before) => this.pricing.discountCodeStanding(request(before), request(after))));
      return codesStoppedApplying(standingAcross(answers));
    } catch (error) {
      this.logger.warn("discount code standing unknown after a cart change: no warnings", { error: String((error as Error).message ?? error) });
      return [];
    }
  }
}
