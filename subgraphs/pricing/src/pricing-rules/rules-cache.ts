// The promotions and tax rates every quote of a cart view is computed with, held in memory so a
// cart view costs pricing no SQL. Loaded at start, and reloaded: after this process changes a rule
// (the admin services), when a PromotionChanged or TaxRateChanged event reaches any process
// (rule-changes.listener.ts), and every PRICING_RULES_REFRESH as a safety net for events Redis
// lost. A reload reads both tables whole, so reloading more often than needed is only a cost, and
// reloads asked for while one runs are folded into one more after it: the last one always starts
// after the newest change it was asked for.
import { EventEmitter } from "node:events";
import type { Logger } from "@trolley/http";
import type { PricingRules } from "./pricing-rules.mapping.js";
import { usableRules } from "./usable-promotions.rules.js";

export class RulesNotLoaded extends Error {
  constructor(cause: unknown) {
    super("the pricing rules could not be loaded", { cause });
    this.name = "RulesNotLoaded";
  }
}

export class RulesCache {
  private rules: PricingRules | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Emits "reloaded" after each reload that replaced the rules (tests wait on it). */
  readonly events = new EventEmitter();

  constructor(
    private readonly load: () => Promise<PricingRules>,
    private readonly logger: Pick<Logger, "warn" | "error">,
  ) {}

  /** The rules in memory; loads them first if no load has succeeded yet (start-up without a database). */
  async current(): Promise<PricingRules> {
    if (this.rules) return this.rules;
    try {
      await this.reload();
    } catch (error) {
      throw new RulesNotLoaded(error);
    }
    return this.rules!;
  }

  /** Resolves once rules read after this call are in memory; rejects if that read failed. */
  reload(): Promise<void> {
    if (!this.running) {
      this.running = this.loadOnce().finally(() => (this.running = null));
      return this.running;
    }
    // One is running and may have read before the change that asks for this: one more after it.
    this.queued ??= this.running.catch(() => {}).then(() => {
      this.queued = null;
      return this.reload();
    });
    return this.queued;
  }

  /** The rules as Postgres holds them right now, read past the cache (a checkout's quote). */
  async readFresh(): Promise<PricingRules> {
    return usableRules(await this.load(), (promotion, problem) =>
      this.logger.error("stored promotion left out of quotes: the engine refuses it", { promotionId: promotion.id, code: problem.code, problem: problem.message }),
    );
  }

  private async loadOnce(): Promise<void> {
    const rules = await this.readFresh();
    this.rules = rules;
    this.events.emit("reloaded", rules);
  }
}
