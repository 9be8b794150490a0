// Demo catalog seed: owns the demo categories and products (matched by slug and SKU) and the
// services of services.rules.yaml (matched by id) in the catalog context. It never deletes
// products, categories or offers, so those created by hand or by tests survive it.
//
// Run with `pnpm seed`; tests import `seedCatalog` and the data arrays to seed their own database
// and to look up fixtures (e.g. an out-of-stock SKU) without hard-coding them.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { parse } from "yaml";
import { PrismaClient, type ProductStatus, type TaxCategory } from "../../subgraphs/catalog/src/generated/prisma/client.js";
import { readServicesDocument, type ServiceRule } from "../../subgraphs/catalog/src/service/services-document.js";

export interface SeedCategory {
  readonly slug: string;
  readonly name: string;
}

export interface SeedProduct {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  /** Integer USD cents (1999 = 19.99). */
  readonly priceMinor: number;
  readonly status: ProductStatus;
  /** Only applied when the product is first created; see seedCatalog. */
  readonly stockOnHand: number;
  readonly categorySlug: string;
  /** STANDARD unless given: books and food-like goods are REDUCED, one book ZERO (as zero-rated VAT countries treat books). */
  readonly taxCategory?: TaxCategory;
  /** Shipping weight of one unit as packed, in grams. */
  readonly weightGrams: number;
}

export const categories: readonly SeedCategory[] = [
  { slug: "kitchen", name: "Kitchen" },
  { slug: "coffee-tea", name: "Coffee & Tea" },
  { slug: "outdoor", name: "Outdoor" },
  { slug: "electronics", name: "Electronics" },
  { slug: "books", name: "Books" },
  { slug: "home-office", name: "Home Office" },
  { slug: "toys-games", name: "Toys & Games" },
  { slug: "personal-care", name: "Personal Care" },
  { slug: "appliances", name: "Appliances" },
  { slug: "furniture", name: "Furniture" },
];

// Fixtures tests rely on, deliberately spread across categories:
//   exactly one ACTIVE product at 1999 with ample stock (COF-0001),
//   ACTIVE with zero stock: KIT-0007, OUT-0006, ELE-0005, TOY-0004, BOO-0008,
//   DISCONTINUED: KIT-0009, ELE-0009, OFF-0008, PER-0008,
//   low stock (1-5): KIT-0004, COF-0006, OUT-0003, ELE-0007, BOO-0005, TOY-0007, PER-0003,
//   heavy and bulky goods (tens of kilograms), which line services go with: APP-*, FUR-*.
// New products go at the end: tests take the first ones of some kinds.
export const products: readonly SeedProduct[] = [
  // Kitchen
  { sku: "KIT-0001", name: "Cast Iron Skillet 10in", description: "Pre-seasoned cast iron pan that goes from stovetop to oven to campfire.", priceMinor: 3495, status: "ACTIVE", stockOnHand: 180, weightGrams: 2_300, categorySlug: "kitchen" },
  { sku: "KIT-0002", name: "Chef's Knife 8in", description: "High-carbon stainless steel blade with a full tang and a balanced walnut handle.", priceMinor: 8900, status: "ACTIVE", stockOnHand: 95, weightGrams: 230, categorySlug: "kitchen" },
  { sku: "KIT-0003", name: "End-Grain Maple Cutting Board", description: "Thick end-grain board that is gentle on knife edges and hides cut marks.", priceMinor: 6450, status: "ACTIVE", stockOnHand: 60, weightGrams: 2_700, categorySlug: "kitchen" },
  { sku: "KIT-0004", name: "Enameled Dutch Oven 5.5qt", description: "Heavy enameled cast iron pot for braises, stews and no-knead bread.", priceMinor: 29995, status: "ACTIVE", stockOnHand: 3, weightGrams: 5_400, categorySlug: "kitchen" },
  { sku: "KIT-0005", name: "Silicone Spatula Set", description: "Three heat-resistant spatulas that scrape bowls clean without scratching pans.", priceMinor: 1450, status: "ACTIVE", stockOnHand: 420, weightGrams: 250, categorySlug: "kitchen" },
  { sku: "KIT-0006", name: "Digital Kitchen Scale", description: "Weighs up to 5 kg in 1 g steps with a tare button and a pull-out display.", priceMinor: 2799, status: "ACTIVE", stockOnHand: 240, weightGrams: 600, categorySlug: "kitchen" },
  { sku: "KIT-0007", name: "Stand Mixer 5qt", description: "Tilt-head mixer with ten speeds, a dough hook, flat beater and wire whip.", priceMinor: 34999, status: "ACTIVE", stockOnHand: 0, weightGrams: 10_400, categorySlug: "kitchen" },
  { sku: "KIT-0008", name: "Glass Meal Prep Containers (10-pack)", description: "Oven-safe borosilicate containers with snap-lock lids that do not stain.", priceMinor: 3299, status: "ACTIVE", stockOnHand: 310, weightGrams: 4_100, categorySlug: "kitchen" },
  { sku: "KIT-0009", name: "Electric Egg Cooker", description: "Steams up to seven eggs to soft, medium or hard with an auto shut-off.", priceMinor: 2250, status: "DISCONTINUED", stockOnHand: 0, weightGrams: 550, categorySlug: "kitchen" },

  // Coffee & Tea
  { sku: "COF-0001", name: "Ceramic Pour-Over Dripper", description: "Single-cup cone dripper with spiral ribs for an even, clean extraction.", priceMinor: 1999, status: "ACTIVE", stockOnHand: 500, weightGrams: 340, categorySlug: "coffee-tea" },
  { sku: "COF-0002", name: "Gooseneck Electric Kettle", description: "Variable-temperature kettle with a precision spout for pour-over brewing.", priceMinor: 7995, status: "ACTIVE", stockOnHand: 140, weightGrams: 1_100, categorySlug: "coffee-tea" },
  { sku: "COF-0003", name: "Conical Burr Grinder", description: "Forty grind settings from espresso-fine to French-press coarse.", priceMinor: 14900, status: "ACTIVE", stockOnHand: 75, weightGrams: 2_600, categorySlug: "coffee-tea" },
  { sku: "COF-0004", name: "French Press 34oz", description: "Double-wall stainless press that keeps coffee hot through a second cup.", priceMinor: 3950, status: "ACTIVE", stockOnHand: 210, weightGrams: 900, categorySlug: "coffee-tea" },
  { sku: "COF-0005", name: "Ethiopia Yirgacheffe Whole Bean 12oz", description: "Washed light roast with notes of jasmine, bergamot and lemon.", priceMinor: 1750, status: "ACTIVE", stockOnHand: 380, weightGrams: 360, categorySlug: "coffee-tea", taxCategory: "REDUCED" },
  { sku: "COF-0006", name: "Semi-Automatic Espresso Machine", description: "Fifteen-bar pump machine with a PID controller and a steam wand.", priceMinor: 129900, status: "ACTIVE", stockOnHand: 2, weightGrams: 9_800, categorySlug: "coffee-tea" },
  { sku: "COF-0007", name: "Loose Leaf Sencha 100g", description: "Grassy, bright Japanese green tea from first-flush Shizuoka leaves.", priceMinor: 1295, status: "ACTIVE", stockOnHand: 260, weightGrams: 130, categorySlug: "coffee-tea", taxCategory: "REDUCED" },
  { sku: "COF-0008", name: "Cast Iron Teapot with Infuser", description: "Tetsubin-style teapot that holds heat and brews four cups at a time.", priceMinor: 4800, status: "ACTIVE", stockOnHand: 55, weightGrams: 1_300, categorySlug: "coffee-tea" },
  { sku: "COF-0009", name: "Cold Brew Pitcher 1.5L", description: "Fine-mesh filter pitcher for overnight cold brew coffee or iced tea.", priceMinor: 2495, status: "ACTIVE", stockOnHand: 190, weightGrams: 750, categorySlug: "coffee-tea" },

  // Outdoor
  { sku: "OUT-0001", name: "Two-Person Backpacking Tent", description: "Freestanding three-season tent that packs down to under 2 kg.", priceMinor: 27900, status: "ACTIVE", stockOnHand: 40, weightGrams: 1_850, categorySlug: "outdoor" },
  { sku: "OUT-0002", name: "Down Sleeping Bag 20F", description: "650-fill down mummy bag rated to 20 degrees Fahrenheit with a draft collar.", priceMinor: 22950, status: "ACTIVE", stockOnHand: 35, weightGrams: 1_100, categorySlug: "outdoor" },
  { sku: "OUT-0003", name: "Titanium Camp Stove", description: "Ultralight canister stove that boils a liter of water in about three minutes.", priceMinor: 5995, status: "ACTIVE", stockOnHand: 4, weightGrams: 90, categorySlug: "outdoor" },
  { sku: "OUT-0004", name: "Insulated Water Bottle 32oz", description: "Vacuum-insulated steel bottle that keeps drinks cold for 24 hours.", priceMinor: 3495, status: "ACTIVE", stockOnHand: 460, weightGrams: 530, categorySlug: "outdoor" },
  { sku: "OUT-0005", name: "Trekking Poles (Pair)", description: "Collapsible aluminium poles with cork grips and quick flick-locks.", priceMinor: 7900, status: "ACTIVE", stockOnHand: 85, weightGrams: 540, categorySlug: "outdoor" },
  { sku: "OUT-0006", name: "Rechargeable LED Headlamp", description: "400-lumen USB-C headlamp with a red night-vision mode.", priceMinor: 3999, status: "ACTIVE", stockOnHand: 0, weightGrams: 110, categorySlug: "outdoor" },
  { sku: "OUT-0007", name: "Packable Rain Jacket", description: "Waterproof breathable shell that stuffs into its own chest pocket.", priceMinor: 11900, status: "ACTIVE", stockOnHand: 120, weightGrams: 320, categorySlug: "outdoor" },
  { sku: "OUT-0008", name: "Folding Camp Chair", description: "Steel-frame chair with a cup holder and a carry bag, rated to 300 lb.", priceMinor: 4499, status: "ACTIVE", stockOnHand: 150, weightGrams: 3_600, categorySlug: "outdoor" },

  // Electronics
  { sku: "ELE-0001", name: "Wireless Noise-Cancelling Headphones", description: "Over-ear headphones with adaptive noise cancelling and 30-hour battery life.", priceMinor: 29999, status: "ACTIVE", stockOnHand: 70, weightGrams: 450, categorySlug: "electronics" },
  { sku: "ELE-0002", name: "Portable Bluetooth Speaker", description: "Waterproof speaker with punchy bass that floats and plays for 12 hours.", priceMinor: 9950, status: "ACTIVE", stockOnHand: 160, weightGrams: 680, categorySlug: "electronics" },
  { sku: "ELE-0003", name: "USB-C Charger 65W", description: "Compact GaN charger with two USB-C ports and one USB-A port.", priceMinor: 4599, status: "ACTIVE", stockOnHand: 350, weightGrams: 130, categorySlug: "electronics" },
  { sku: "ELE-0004", name: "27in 4K Monitor", description: "IPS panel with USB-C power delivery and factory-calibrated colour.", priceMinor: 44900, status: "ACTIVE", stockOnHand: 25, weightGrams: 7_800, categorySlug: "electronics" },
  { sku: "ELE-0005", name: "E-Reader with Warm Light", description: "Glare-free 7in e-ink reader with adjustable warm front light and weeks of battery.", priceMinor: 18999, status: "ACTIVE", stockOnHand: 0, weightGrams: 290, categorySlug: "electronics" },
  { sku: "ELE-0006", name: "Smart Plug (4-pack)", description: "Wi-Fi plugs that put lamps and fans on schedules with energy monitoring.", priceMinor: 3999, status: "ACTIVE", stockOnHand: 275, weightGrams: 420, categorySlug: "electronics" },
  { sku: "ELE-0007", name: "Mirrorless Camera Body", description: "24MP APS-C camera with in-body stabilisation and 4K video.", priceMinor: 99900, status: "ACTIVE", stockOnHand: 1, weightGrams: 560, categorySlug: "electronics" },
  { sku: "ELE-0008", name: "Braided USB-C Cable 2m (2-pack)", description: "Nylon-braided cables rated for 100W charging and 10,000 bends.", priceMinor: 1599, status: "ACTIVE", stockOnHand: 500, weightGrams: 160, categorySlug: "electronics" },
  { sku: "ELE-0009", name: "MP3 Player 16GB", description: "Clip-on music player with an FM radio and a voice recorder.", priceMinor: 4900, status: "DISCONTINUED", stockOnHand: 6, weightGrams: 60, categorySlug: "electronics" },

  // Books
  { sku: "BOO-0001", name: "The Pragmatic Programmer", description: "A classic guide to the habits and craft of effective software developers.", priceMinor: 4999, status: "ACTIVE", stockOnHand: 90, weightGrams: 540, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0002", name: "Salt, Fat, Acid, Heat", description: "An illustrated cookbook that teaches the four elements of good cooking.", priceMinor: 3500, status: "ACTIVE", stockOnHand: 130, weightGrams: 1_700, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0003", name: "A Field Guide to North American Birds", description: "Compact guide with range maps and paintings of over 800 species.", priceMinor: 2795, status: "ACTIVE", stockOnHand: 65, weightGrams: 620, categorySlug: "books", taxCategory: "ZERO" },
  { sku: "BOO-0004", name: "Designing Data-Intensive Applications", description: "A deep tour of the ideas behind reliable, scalable and maintainable data systems.", priceMinor: 5999, status: "ACTIVE", stockOnHand: 110, weightGrams: 1_050, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0005", name: "The Hobbit (Illustrated Edition)", description: "Hardcover edition of the beloved adventure with the author's own artwork.", priceMinor: 3200, status: "ACTIVE", stockOnHand: 5, weightGrams: 900, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0006", name: "Atomic Habits", description: "A practical framework for building good habits and breaking bad ones.", priceMinor: 2700, status: "ACTIVE", stockOnHand: 320, weightGrams: 450, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0007", name: "The Art of Gathering", description: "How to plan meetings, dinners and events that people actually remember.", priceMinor: 1800, status: "ACTIVE", stockOnHand: 45, weightGrams: 420, categorySlug: "books", taxCategory: "REDUCED" },
  { sku: "BOO-0008", name: "Sourdough Every Day", description: "Step-by-step recipes for keeping a starter and baking weeknight loaves.", priceMinor: 2495, status: "ACTIVE", stockOnHand: 0, weightGrams: 1_100, categorySlug: "books", taxCategory: "REDUCED" },

  // Home Office
  { sku: "OFF-0001", name: "Ergonomic Mesh Office Chair", description: "Breathable mesh chair with adjustable lumbar support and 4D armrests.", priceMinor: 38900, status: "ACTIVE", stockOnHand: 30, weightGrams: 19_500, categorySlug: "home-office" },
  { sku: "OFF-0002", name: "Electric Standing Desk 60in", description: "Dual-motor desk with four height presets and a bamboo top.", priceMinor: 59900, status: "ACTIVE", stockOnHand: 20, weightGrams: 38_000, categorySlug: "home-office" },
  { sku: "OFF-0003", name: "Mechanical Keyboard (Tenkeyless)", description: "Hot-swappable switches, PBT keycaps and a detachable USB-C cable.", priceMinor: 11900, status: "ACTIVE", stockOnHand: 100, weightGrams: 850, categorySlug: "home-office" },
  { sku: "OFF-0004", name: "Wireless Ergonomic Mouse", description: "Sculpted mouse with a thumb rest and quiet clicks for long workdays.", priceMinor: 7999, status: "ACTIVE", stockOnHand: 145, weightGrams: 140, categorySlug: "home-office" },
  { sku: "OFF-0005", name: "LED Desk Lamp with Wireless Charger", description: "Dimmable lamp with adjustable colour temperature and a Qi charging base.", priceMinor: 4950, status: "ACTIVE", stockOnHand: 95, weightGrams: 1_400, categorySlug: "home-office" },
  { sku: "OFF-0006", name: "Monitor Arm (Single)", description: "Gas-spring arm that clamps to the desk and holds screens up to 32in.", priceMinor: 8999, status: "ACTIVE", stockOnHand: 60, weightGrams: 2_900, categorySlug: "home-office" },
  { sku: "OFF-0007", name: "Dot Grid Notebook A5", description: "Lay-flat notebook with 160 pages of fountain-pen-friendly paper.", priceMinor: 2200, status: "ACTIVE", stockOnHand: 480, weightGrams: 380, categorySlug: "home-office" },
  { sku: "OFF-0008", name: "Wired Desk Phone", description: "Corded speakerphone with caller ID and ten speed-dial buttons.", priceMinor: 3499, status: "DISCONTINUED", stockOnHand: 0, weightGrams: 900, categorySlug: "home-office" },

  // Toys & Games
  { sku: "TOY-0001", name: "Settlers of the Isles Board Game", description: "Trade, build and settle a hex-tile island in this game for 3-4 players.", priceMinor: 5499, status: "ACTIVE", stockOnHand: 80, weightGrams: 1_800, categorySlug: "toys-games" },
  { sku: "TOY-0002", name: "1000-Piece Jigsaw Puzzle: Alpine Lake", description: "Premium puzzle with a linen finish and precisely cut, snug-fitting pieces.", priceMinor: 2299, status: "ACTIVE", stockOnHand: 200, weightGrams: 750, categorySlug: "toys-games" },
  { sku: "TOY-0003", name: "Wooden Building Blocks (100 pcs)", description: "Sustainably sourced beech blocks in natural and painted finishes.", priceMinor: 4500, status: "ACTIVE", stockOnHand: 115, weightGrams: 2_400, categorySlug: "toys-games" },
  { sku: "TOY-0004", name: "Remote Control Off-Road Truck", description: "Four-wheel-drive 1:16 scale truck that reaches 25 mph on any terrain.", priceMinor: 8999, status: "ACTIVE", stockOnHand: 0, weightGrams: 1_600, categorySlug: "toys-games" },
  { sku: "TOY-0005", name: "Cooperative Card Game: Lost Expedition", description: "Work together to guide your party through the jungle before supplies run out.", priceMinor: 1595, status: "ACTIVE", stockOnHand: 240, weightGrams: 280, categorySlug: "toys-games" },
  { sku: "TOY-0006", name: "Magnetic Tiles Starter Set", description: "Sixty translucent magnetic tiles for building 3D shapes and towers.", priceMinor: 6999, status: "ACTIVE", stockOnHand: 70, weightGrams: 1_500, categorySlug: "toys-games" },
  { sku: "TOY-0007", name: "Chess Set with Walnut Board", description: "Weighted Staunton pieces with a folding board that doubles as storage.", priceMinor: 12500, status: "ACTIVE", stockOnHand: 3, weightGrams: 2_200, categorySlug: "toys-games" },
  { sku: "TOY-0008", name: "Plush Sloth 14in", description: "Ultra-soft plush sloth with hook-and-loop paws for hugging.", priceMinor: 2450, status: "ACTIVE", stockOnHand: 175, weightGrams: 350, categorySlug: "toys-games" },

  // Personal Care
  { sku: "PER-0001", name: "Sonic Electric Toothbrush", description: "Two-minute timer, pressure sensor and three brushing modes.", priceMinor: 8995, status: "ACTIVE", stockOnHand: 130, weightGrams: 420, categorySlug: "personal-care" },
  { sku: "PER-0002", name: "Safety Razor with 10 Blades", description: "Chrome-plated double-edge razor that gives a close, plastic-free shave.", priceMinor: 3400, status: "ACTIVE", stockOnHand: 90, weightGrams: 150, categorySlug: "personal-care" },
  { sku: "PER-0003", name: "Ionic Hair Dryer", description: "1875W dryer with a cool-shot button and diffuser and concentrator nozzles.", priceMinor: 12900, status: "ACTIVE", stockOnHand: 2, weightGrams: 780, categorySlug: "personal-care" },
  { sku: "PER-0004", name: "Mineral Sunscreen SPF 50 3oz", description: "Reef-friendly zinc oxide sunscreen that rubs in without a white cast.", priceMinor: 1650, status: "ACTIVE", stockOnHand: 410, weightGrams: 110, categorySlug: "personal-care" },
  { sku: "PER-0005", name: "Lavender Bar Soap (3-pack)", description: "Cold-process soap bars made with olive oil and lavender essential oil.", priceMinor: 1400, status: "ACTIVE", stockOnHand: 300, weightGrams: 380, categorySlug: "personal-care" },
  { sku: "PER-0006", name: "Beard Trimmer", description: "Cordless trimmer with twenty length settings and a washable head.", priceMinor: 5999, status: "ACTIVE", stockOnHand: 85, weightGrams: 260, categorySlug: "personal-care" },
  { sku: "PER-0007", name: "Daily Moisturizer 1.7oz", description: "Lightweight fragrance-free moisturizer with ceramides and niacinamide.", priceMinor: 2800, status: "ACTIVE", stockOnHand: 225, weightGrams: 90, categorySlug: "personal-care" },
  { sku: "PER-0008", name: "Heated Eyelash Curler", description: "Battery-powered curler with two heat settings for a lasting curl.", priceMinor: 1995, status: "DISCONTINUED", stockOnHand: 0, weightGrams: 80, categorySlug: "personal-care" },

  // Appliances
  { sku: "APP-0001", name: "Front-Load Washing Machine 8kg", description: "1400 rpm washer with a steam refresh programme, a quiet inverter motor and a 15-minute quick wash.", priceMinor: 64900, status: "ACTIVE", stockOnHand: 25, weightGrams: 72_000, categorySlug: "appliances" },
  { sku: "APP-0002", name: "Built-In Dishwasher 24in", description: "Fully integrated dishwasher for 14 place settings with a third rack and 44 dB operation.", priceMinor: 54900, status: "ACTIVE", stockOnHand: 30, weightGrams: 38_000, categorySlug: "appliances" },
  { sku: "APP-0003", name: "Bottom-Freezer Fridge-Freezer 70in", description: "Frost-free fridge-freezer with 12 cu ft of fresh food space, a humidity drawer and an ice maker.", priceMinor: 89900, status: "ACTIVE", stockOnHand: 12, weightGrams: 78_000, categorySlug: "appliances" },

  // Furniture
  { sku: "FUR-0001", name: "Three-Seater Sofa", description: "Deep-seated sofa in washable woven fabric on a kiln-dried hardwood frame.", priceMinor: 119900, status: "ACTIVE", stockOnHand: 15, weightGrams: 62_000, categorySlug: "furniture" },
  { sku: "FUR-0002", name: "Double Wardrobe with Sliding Doors", description: "Two-metre wardrobe with soft-close sliding doors, a hanging rail and adjustable shelves.", priceMinor: 74900, status: "ACTIVE", stockOnHand: 10, weightGrams: 95_000, categorySlug: "furniture" },
  { sku: "FUR-0003", name: "Solid Oak Writing Desk", description: "Solid oak desk with two drawers and a cable tray, oiled by hand.", priceMinor: 42900, status: "ACTIVE", stockOnHand: 20, weightGrams: 34_000, categorySlug: "furniture" },
];

/** The services the shop sells with the goods, as data: see services.rules.yaml. */
export const services: readonly ServiceRule[] = readServicesDocument(
  parse(readFileSync(new URL("services.rules.yaml", import.meta.url), "utf8")),
  new Set(categories.map((c) => c.slug)),
);

/**
 * Upserts the demo categories, products and services. Safe to re-run: names, descriptions, prices,
 * weights, status and category follow this file (and a service's categories follow the YAML), but
 * stock of an existing product is left alone because orders and reservations may have moved it
 * since the first seed.
 */
export async function seedCatalog(db: PrismaClient): Promise<{ categories: number; products: number; services: number }> {
  // Fail before touching the database rather than half-way through the transaction.
  const slugs = new Set(categories.map((c) => c.slug));
  for (const p of products) {
    if (!slugs.has(p.categorySlug)) throw new Error(`product ${p.sku} has unknown category ${p.categorySlug}`);
  }

  // One interactive transaction so a re-seed is all-or-nothing; the generous timeout covers a
  // cold connection pool, the work itself is ~110 single-row statements.
  return db.$transaction(
    async (tx) => {
      const categoryIds = new Map<string, string>();
      for (const c of categories) {
        const row = await tx.category.upsert({
          where: { slug: c.slug },
          create: { slug: c.slug, name: c.name },
          update: { name: c.name },
          select: { id: true },
        });
        categoryIds.set(c.slug, row.id);
      }

      for (const p of products) {
        const fields = {
          name: p.name,
          description: p.description,
          priceMinor: p.priceMinor,
          currencyCode: "USD",
          status: p.status,
          categoryId: categoryIds.get(p.categorySlug)!,
          taxCategory: p.taxCategory ?? "STANDARD",
          weightGrams: p.weightGrams,
        };
        await tx.product.upsert({
          where: { sku: p.sku },
          create: { sku: p.sku, ...fields, stockOnHand: p.stockOnHand, stockReserved: 0 },
          update: fields,
          select: { id: true },
        });
      }

      for (const service of services) {
        const { id, categorySlugs, ...fields } = service;
        const now = new Date();
        await tx.serviceOffer.upsert({ where: { id }, create: { id, ...fields, createdAt: now, updatedAt: now }, update: { ...fields, updatedAt: now }, select: { id: true } });
        // The offer's categories are exactly the file's.
        await tx.serviceOfferCategory.deleteMany({ where: { serviceOfferId: id } });
        await tx.serviceOfferCategory.createMany({ data: categorySlugs.map((slug) => ({ serviceOfferId: id, categoryId: categoryIds.get(slug)! })) });
      }

      return { categories: categories.length, products: products.length, services: services.length };
    },
    { timeout: 30_000 },
  );
}

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/trolley";
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema: "catalog" }) });
  try {
    const counts = await seedCatalog(db);
    console.log(`seeded ${counts.categories} categories, ${counts.products} products, ${counts.services} services`);
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
