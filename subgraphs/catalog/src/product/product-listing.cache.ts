// A read-through cache of product listing pages in Redis, shared by every catalog process. Pages
// are keyed by their arguments under a generation number; any change to a price or to stock bumps
// the generation, so the next request reads fresh rows (old pages simply expire). Redis trouble is
// a cache miss, never an error: Postgres answers.
import { createHash } from "node:crypto";
import type { RedisClient } from "@trolley/outbox";
import type { ProductListQuery } from "./product.store.js";
import type { ProductRecord } from "./product.type.js";

// The generation and the pages share a hash tag, so in a Redis Cluster they live on one node: a
// generation lost alone (its node restarted empty) would go back to 0 and serve pages cached
// under 0 before later changes.
const GENERATION_KEY = "catalog:{listing}:generation";
const PAGE_TTL_SECONDS = 60;
/**
 * The shape of a cached row (ProductRecord). Raised whenever a field is added, so a new release
 * never reads pages cached by the previous one without it (rows gained weightGrams in 2).
 */
const ROW_SHAPE = 2;

export interface ListingPage {
  rows: ProductRecord[];
  totalCount: number;
  hasNextPage: boolean;
}

export class ProductListingCache {
  constructor(private readonly redis: RedisClient) {}

  async read(query: ProductListQuery, load: () => Promise<ListingPage>): Promise<ListingPage> {
    let key: string | null = null;
    try {
      const generation = (await this.redis.get(GENERATION_KEY)) ?? "0";
      key = `catalog:{listing}:${ROW_SHAPE}:${generation}:${createHash("sha1").update(JSON.stringify(query)).digest("hex")}`;
      const cached = await this.redis.get(key);
      if (cached) return JSON.parse(cached) as ListingPage;
    } catch {
      key = null;
    }
    const page = await load();
    if (key) this.redis.set(key, JSON.stringify(page), "EX", PAGE_TTL_SECONDS).catch(() => {});
    return page;
  }

  /** After a price or stock change committed. */
  async invalidate(): Promise<void> {
    await this.redis.incr(GENERATION_KEY).catch(() => {});
  }
}
