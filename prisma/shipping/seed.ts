// Demo shipping seed: standard, express and freight options for the US, Poland and Germany, with
// their rates, free thresholds, calendars and add-ons. Priced in USD, the demo catalog's currency:
// an option is offered only to carts in its own currency, and the demo shop sells in dollars
// everywhere. Rows are matched by their fixed ids, so re-running it puts these options back as
// this file says (their rates replaced, add-ons the file no longer names removed) and touches
// nothing else (options created by hand or by tests survive it).
//
//   option        zone               lead  cut-off  delivers   weight            price (from weight / subtotal)          free over  add-ons
//   us-standard   America/New_York   3     14:00    Mon-Fri    up to 30 kg       5.99, 9.99 from 2 kg, 19.99 from 10 kg   99.00      carry-in 29.00 from 15 kg
//   us-express    America/New_York   1     12:00    Mon-Sat    up to 20 kg       19.99, 34.99 from 5 kg                   -          Sunday delivery 9.99
//   us-freight    America/Chicago    5     12:00    Mon-Fri    from 25 kg        79.00, 49.00 from a 1,500.00 subtotal;   3000.00    carry-in 49.00
//                                                                                129.00 from 100 kg, 99.00 from 100 kg and 1,500.00
//   us-pickup     America/New_York   1     18:00    Mon-Sat    any               0.00 (collect in store)                  -
//   pl-standard   Europe/Warsaw      2     15:00    Mon-Fri    up to 25 kg       3.99, 6.99 from 5 kg                     60.00
//   pl-express    Europe/Warsaw      1     11:00    Mon-Sat    up to 25 kg       9.99                                     -
//   pl-freight    Europe/Warsaw      4     12:00    Mon-Fri    from 25 kg        59.00, 89.00 from 100 kg                 -          carry-in 29.00
//   de-standard   Europe/Berlin      2     16:00    Mon-Sat    up to 31.5 kg     4.99, 8.99 from 5 kg                     50.00
//   de-express    Europe/Berlin      1     12:00    Mon-Fri    up to 31.5 kg     14.99                                    -          Sunday delivery 12.00
//   de-freight    Europe/Berlin      4     12:00    Mon-Fri    from 25 kg        69.00, 99.00 from 100 kg                 -          carry-in 39.00
//
// US standard does not deliver to Alaska or Hawaii (express does). Lead times are business days.
//
// Run with `pnpm seed`.
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../subgraphs/shipping/src/generated/prisma/client.js";

export interface SeedRate {
  minWeightGrams?: number;
  minSubtotalMinor?: number;
  priceMinor: number;
}

export interface SeedAddOn {
  id: string;
  title: string;
  priceMinor: number;
  minWeightGrams?: number;
  weekdays?: number[];
}

export interface SeedOption {
  id: string;
  title: string;
  countryCodes: string[];
  excludedProvinceCodes?: string[];
  minWeightGrams?: number;
  maxWeightGrams?: number;
  freeOverMinor?: number;
  leadDays: number;
  cutoffHour: number;
  timeZone: string;
  deliveryWeekdays: number[];
  position: number;
  rates: SeedRate[];
  addOns?: SeedAddOn[];
}

const CURRENCY = "USD";
const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const SUNDAY = [7];

export const shippingOptions: readonly SeedOption[] = [
  {
    id: "us-standard",
    title: "Standard delivery",
    countryCodes: ["US"],
    excludedProvinceCodes: ["AK", "HI"],
    maxWeightGrams: 30_000,
    freeOverMinor: 9900,
    leadDays: 3,
    cutoffHour: 14,
    timeZone: "America/New_York",
    deliveryWeekdays: MON_FRI,
    position: 10,
    rates: [{ priceMinor: 599 }, { minWeightGrams: 2_000, priceMinor: 999 }, { minWeightGrams: 10_000, priceMinor: 1999 }],
    addOns: [{ id: "us-standard-carry-in", title: "Carry-in to the room of your choice", priceMinor: 2900, minWeightGrams: 15_000 }],
  },
  {
    id: "us-express",
    title: "Express delivery",
    countryCodes: ["US"],
    maxWeightGrams: 20_000,
    leadDays: 1,
    cutoffHour: 12,
    timeZone: "America/New_York",
    deliveryWeekdays: MON_SAT,
    position: 20,
    rates: [{ priceMinor: 1999 }, { minWeightGrams: 5_000, priceMinor: 3499 }],
    addOns: [{ id: "us-express-sunday", title: "Sunday delivery", priceMinor: 999, weekdays: SUNDAY }],
  },
  {
    id: "us-freight",
    title: "Freight delivery (large items)",
    countryCodes: ["US"],
    minWeightGrams: 25_000,
    freeOverMinor: 300_000,
    leadDays: 5,
    cutoffHour: 12,
    timeZone: "America/Chicago",
    deliveryWeekdays: MON_FRI,
    position: 30,
    rates: [
      { priceMinor: 7900 },
      { minSubtotalMinor: 150_000, priceMinor: 4900 },
      { minWeightGrams: 100_000, priceMinor: 12_900 },
      { minWeightGrams: 100_000, minSubtotalMinor: 150_000, priceMinor: 9900 },
    ],
    addOns: [{ id: "us-freight-carry-in", title: "Carry-in and unpacking", priceMinor: 4900, minWeightGrams: 25_000 }],
  },
  {
    // Collect in store: no carrier, no charge; the day is when the order is ready at the counter.
    id: "us-pickup",
    title: "Collect in store",
    countryCodes: ["US"],
    leadDays: 1,
    cutoffHour: 18,
    timeZone: "America/New_York",
    deliveryWeekdays: MON_SAT,
    position: 40,
    rates: [{ priceMinor: 0 }],
  },
  {
    id: "pl-standard",
    title: "Standard courier",
    countryCodes: ["PL"],
    maxWeightGrams: 25_000,
    freeOverMinor: 6000,
    leadDays: 2,
    cutoffHour: 15,
    timeZone: "Europe/Warsaw",
    deliveryWeekdays: MON_FRI,
    position: 10,
    rates: [{ priceMinor: 399 }, { minWeightGrams: 5_000, priceMinor: 699 }],
  },
  {
    id: "pl-express",
    title: "Express courier",
    countryCodes: ["PL"],
    maxWeightGrams: 25_000,
    leadDays: 1,
    cutoffHour: 11,
    timeZone: "Europe/Warsaw",
    deliveryWeekdays: MON_SAT,
    position: 20,
    rates: [{ priceMinor: 999 }],
  },
  {
    id: "pl-freight",
    title: "Freight (large items)",
    countryCodes: ["PL"],
    minWeightGrams: 25_000,
    leadDays: 4,
    cutoffHour: 12,
    timeZone: "Europe/Warsaw",
    deliveryWeekdays: MON_FRI,
    position: 30,
    rates: [{ priceMinor: 5900 }, { minWeightGrams: 100_000, priceMinor: 8900 }],
    addOns: [{ id: "pl-freight-carry-in", title: "Carry-in", priceMinor: 2900, minWeightGrams: 25_000 }],
  },
  {
    id: "de-standard",
    title: "Standard parcel",
    countryCodes: ["DE"],
    maxWeightGrams: 31_500,
    freeOverMinor: 5000,
    leadDays: 2,
    cutoffHour: 16,
    timeZone: "Europe/Berlin",
    deliveryWeekdays: MON_SAT,
    position: 10,
    rates: [{ priceMinor: 499 }, { minWeightGrams: 5_000, priceMinor: 899 }],
  },
  {
    id: "de-express",
    title: "Express parcel",
    countryCodes: ["DE"],
    maxWeightGrams: 31_500,
    leadDays: 1,
    cutoffHour: 12,
    timeZone: "Europe/Berlin",
    deliveryWeekdays: MON_FRI,
    position: 20,
    rates: [{ priceMinor: 1499 }],
    addOns: [{ id: "de-express-sunday", title: "Sunday delivery", priceMinor: 1200, weekdays: SUNDAY }],
  },
  {
    id: "de-freight",
    title: "Freight (large items)",
    countryCodes: ["DE"],
    minWeightGrams: 25_000,
    leadDays: 4,
    cutoffHour: 12,
    timeZone: "Europe/Berlin",
    deliveryWeekdays: MON_FRI,
    position: 30,
    rates: [{ priceMinor: 6900 }, { minWeightGrams: 100_000, priceMinor: 9900 }],
    addOns: [{ id: "de-freight-carry-in", title: "Carry-in", priceMinor: 3900, minWeightGrams: 25_000 }],
  },
];

/** Writes one option as the seed (or a test) describes it: the option upserted, its rates and add-ons replaced. */
export async function putShippingOption(db: Pick<PrismaClient, "shippingOption" | "shippingRate" | "shippingAddOn">, option: SeedOption, now = new Date(), currencyCode = CURRENCY): Promise<void> {
  const columns = {
    title: option.title,
    currencyCode,
    countryCodes: option.countryCodes,
    excludedProvinceCodes: option.excludedProvinceCodes ?? [],
    minWeightGrams: option.minWeightGrams ?? 0,
    maxWeightGrams: option.maxWeightGrams ?? null,
    freeOverMinor: option.freeOverMinor === undefined ? null : BigInt(option.freeOverMinor),
    leadDays: option.leadDays,
    cutoffHour: option.cutoffHour,
    timeZone: option.timeZone,
    deliveryWeekdays: option.deliveryWeekdays,
    position: option.position,
    active: true,
    updatedAt: now,
  };
  await db.shippingOption.upsert({ where: { id: option.id }, create: { id: option.id, ...columns }, update: columns });
  await db.shippingRate.deleteMany({ where: { optionId: option.id } });
  await db.shippingRate.createMany({
    data: option.rates.map((rate) => ({ optionId: option.id, minWeightGrams: rate.minWeightGrams ?? 0, minSubtotalMinor: BigInt(rate.minSubtotalMinor ?? 0), priceMinor: BigInt(rate.priceMinor) })),
  });
  const addOns = option.addOns ?? [];
  await db.shippingAddOn.deleteMany({ where: { optionId: option.id, id: { notIn: addOns.map((addOn) => addOn.id) } } });
  for (const [index, addOn] of addOns.entries()) {
    const addOnColumns = {
      optionId: option.id,
      title: addOn.title,
      priceMinor: BigInt(addOn.priceMinor),
      minWeightGrams: addOn.minWeightGrams ?? null,
      weekdays: addOn.weekdays ?? [],
      position: (index + 1) * 10,
      active: true,
      updatedAt: now,
    };
    await db.shippingAddOn.upsert({ where: { id: addOn.id }, create: { id: addOn.id, ...addOnColumns }, update: addOnColumns });
  }
}

/** Upserts the demo options in one transaction. */
export async function seedShipping(db: PrismaClient): Promise<{ options: number; addOns: number }> {
  return db.$transaction(
    async (tx) => {
      const now = new Date();
      for (const option of shippingOptions) await putShippingOption(tx, option, now);
      return { options: shippingOptions.length, addOns: shippingOptions.reduce((sum, option) => sum + (option.addOns?.length ?? 0), 0) };
    },
    { timeout: 30_000 },
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const connectionString = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/trolley";
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema: "shipping" }) });
  // A failure rejects this module's evaluation: node prints it and exits non-zero.
  const counts = await seedShipping(db).finally(() => db.$disconnect());
  console.log(`seeded ${counts.options} shipping options, ${counts.addOns} add-ons`);
}
