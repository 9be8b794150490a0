// Admin changes to tax rates: one transaction writes the place's entry and appends TaxRateChanged;
// once it commits, this process's rules cache is reloaded (the others reload on the event).
import type { Clock } from "@trolley/http";
import type { TaxRate as TaxRateRow } from "../generated/prisma/client.js";
import { taxRateChanged, type EventSink } from "../pricing-rules/pricing-rules.events.js";
import { taxRateFromInput } from "./tax-rate-input.rules.js";
import type { TaxRateStore } from "./tax-rate.store.js";
import type { TaxRateInput } from "./tax-rate.type.js";

export class TaxRateAdminService {
  constructor(
    private readonly store: TaxRateStore,
    private readonly events: EventSink,
    private readonly afterCommit: () => Promise<void>,
    private readonly clock: Clock,
  ) {}

  list(): Promise<TaxRateRow[]> {
    return this.store.list();
  }

  async set(input: TaxRateInput, adminId: string): Promise<TaxRateRow> {
    const entry = taxRateFromInput(input);
    const now = this.clock.now();
    const row = await this.store.transaction(async (tx) => {
      const written = await this.store.put(tx, entry, now);
      await this.events.append(tx, [taxRateChanged(written, adminId, now)]);
      return written;
    });
    await this.afterCommit();
    return row;
  }
}
