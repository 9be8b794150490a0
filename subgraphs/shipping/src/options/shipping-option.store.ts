// Shipping options' persistence: the only code that reads the option, rate and add-on tables.
import type { ShippingDb } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";

const WITH_RULES = {
  rates: true,
  addOns: { where: { active: true }, orderBy: [{ position: "asc" as const }, { id: "asc" as const }] },
} satisfies Prisma.ShippingOptionInclude;

export type ShippingOptionRow = Prisma.ShippingOptionGetPayload<{ include: typeof WITH_RULES }>;

export class ShippingOptionStore {
  constructor(private readonly db: ShippingDb) {}

  /** The active options that deliver to any of these countries, with their rates and active add-ons, in listing order. */
  servingCountries(countryCodes: readonly string[]): Promise<ShippingOptionRow[]> {
    return this.db.shippingOption.findMany({
      where: { active: true, countryCodes: { hasSome: [...countryCodes] } },
      include: WITH_RULES,
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
  }
}
