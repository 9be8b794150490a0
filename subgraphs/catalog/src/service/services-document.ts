// What prisma/catalog/services.rules.yaml may say, read into the offers the seed writes. Pure: the
// parsed document and the categories that exist in, the offers out, or one error that lists every
// problem, so a bad edit stops the seed before it touches the database.
import { formatMinor, MAX_UNIT_PRICE_MINOR, parseAmount } from "@trolley/federation";
import type { ServiceKind } from "./service-offer.type.js";

/** One service as the file defines it, ready to be written. */
export interface ServiceRule {
  id: string;
  kind: `${ServiceKind}`;
  title: string;
  description: string | null;
  priceMinor: number;
  currencyCode: string;
  active: boolean;
  /** The slugs of the categories a FOR_LINE service is sold with; none for a STANDALONE one. */
  categorySlugs: string[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 2000;
const KEYS = new Set(["id", "kind", "title", "description", "price", "categories", "active"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function readServicesDocument(document: unknown, categorySlugs: ReadonlySet<string>): ServiceRule[] {
  const problems: string[] = [];
  if (!isRecord(document)) throw new Error("services.rules.yaml: expected a mapping with `currency` and `services`");
  const currencyCode = document.currency;
  if (typeof currencyCode !== "string" || !/^[A-Z]{3}$/.test(currencyCode)) problems.push("`currency` must be an ISO 4217 code such as USD");
  if (!Array.isArray(document.services) || document.services.length === 0) problems.push("`services` must be a list of at least one service");

  const rules: ServiceRule[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of (Array.isArray(document.services) ? document.services : []).entries()) {
    const where = `services[${index}]${isRecord(entry) && typeof entry.id === "string" ? ` (${entry.id})` : ""}`;
    const problem = (text: string) => problems.push(`${where}: ${text}`);
    if (!isRecord(entry)) {
      problem("expected a mapping");
      continue;
    }
    for (const key of Object.keys(entry)) if (!KEYS.has(key)) problem(`unknown key \`${key}\``);

    const { id, kind, title, description, price, categories, active = true } = entry;
    if (typeof id !== "string" || !ID.test(id)) problem("`id` must be lower-case letters, digits and dashes (at most 63)");
    else if (seen.has(id)) problem("`id` is used by an earlier service");
    else seen.add(id);
    if (kind !== "FOR_LINE" && kind !== "STANDALONE") problem("`kind` must be FOR_LINE or STANDALONE");
    if (typeof title !== "string" || !title.trim() || title.length > MAX_TITLE) problem(`\`title\` must be text of 1 to ${MAX_TITLE} characters`);
    if (description !== undefined && description !== null && (typeof description !== "string" || description.length > MAX_DESCRIPTION)) {
      problem(`\`description\` must be text of at most ${MAX_DESCRIPTION} characters`);
    }
    if (typeof active !== "boolean") problem("`active` must be true or false");

    // A number would be read as a float ("19.9" and 19.90 alike): prices are quoted decimal strings.
    const priceMinor = typeof price === "string" && typeof currencyCode === "string" ? parseAmount(price, currencyCode) : null;
    if (priceMinor === null) problem('`price` must be a quoted decimal amount such as "19.99"');
    else if (priceMinor > MAX_UNIT_PRICE_MINOR) problem(`\`price\` can be at most ${formatMinor(MAX_UNIT_PRICE_MINOR, String(currencyCode))}`);

    const slugs = categories === undefined ? [] : categories;
    if (!Array.isArray(slugs) || !slugs.every((slug) => typeof slug === "string")) problem("`categories` must be a list of category slugs");
    else {
      if (kind === "FOR_LINE" && slugs.length === 0) problem("a FOR_LINE service needs at least one category");
      if (kind === "STANDALONE" && slugs.length > 0) problem("a STANDALONE service is sold with any cart: it takes no categories");
      for (const slug of slugs) if (!categorySlugs.has(slug)) problem(`unknown category \`${slug}\``);
      if (new Set(slugs).size !== slugs.length) problem("a category is listed twice");
    }

    rules.push({
      id: String(id),
      kind: kind as ServiceRule["kind"],
      title: String(title).trim(),
      description: typeof description === "string" ? description.trim() || null : null,
      priceMinor: priceMinor ?? 0,
      currencyCode: String(currencyCode),
      active: active === true,
      categorySlugs: Array.isArray(slugs) ? (slugs as string[]) : [],
    });
  }
  if (problems.length) throw new Error(`services.rules.yaml:\n  ${problems.join("\n  ")}`);
  return rules;
}
