// The options as stored: read from Postgres and made into rules, an unusable row left out and
// logged. Every answer about a cart's shipping starts here; only the cart's options view keeps
// what it made from them (the options cache), the judgement never does.
import type { Logger } from "@trolley/http";
import { optionFromRow, UnusableOption } from "./shipping-option.mapping.js";
import type { ShippingOptionStore } from "./shipping-option.store.js";
import type { OptionRule } from "./shipping-option.types.js";

export class OptionSource {
  constructor(
    private readonly store: ShippingOptionStore,
    private readonly logger: Pick<Logger, "error">,
  ) {}

  /** For each country, the options that deliver there, in listing order: one query for all of them. */
  async serving(countryCodes: readonly string[]): Promise<Map<string, OptionRule[]>> {
    const rules: OptionRule[] = [];
    for (const row of await this.store.servingCountries(countryCodes)) {
      try {
        rules.push(optionFromRow(row));
      } catch (error) {
        if (!(error instanceof UnusableOption)) throw error;
        this.logger.error("shipping option left out", { optionId: error.optionId, error });
      }
    }
    return new Map(countryCodes.map((country) => [country, rules.filter((rule) => rule.countryCodes.includes(country))]));
  }
}
