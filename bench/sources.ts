// Where each benchmark's requests come from: which user sends it, with which credential, and
// with which variables. Query 1 rotates over every 20-line cart; addToCart spreads over all users
// and products; checkout takes each user once from a shuffled pool of users with non-empty carts,
// whose carts select collect in store first (not measured), as a shopper's do before checking out.
import { randomUUID } from "node:crypto";
import type { Identities } from "./identities.js";
import type { GraphQLRequest, RequestSource } from "./load.js";
import {
  ADD_TO_CART,
  addedToCart,
  CART_QUERY,
  checkedOut,
  CHECKOUT,
  fullCart,
  judge,
  PICKUP_OPTION,
  PLAIN_CART_QUERY,
  plainCart,
  PRODUCTS_QUERY,
  productPage,
  SELECT_SHIPPING,
  selectedShipping,
} from "./operations.js";
import { ownerId, type SeededCarts } from "./seed-carts.js";

export type GatewayKind = "ours" | "hive";

const json = { "content-type": "application/json" };

/** How a gateway learns who the user is: a bearer JWT for ours, a pre-signed identity header for Hive. */
function credential(identities: Identities, gateway: GatewayKind, user: number): Record<string, string> {
  return gateway === "ours" ? { authorization: identities.authorization(user) } : { "x-trolley-identity": identities.identityHeader(user) };
}

const graphql = (headers: Record<string, string>, query: string, variables?: Record<string, unknown>): GraphQLRequest => ({
  headers: { ...json, ...headers },
  body: JSON.stringify(variables ? { query, variables } : { query }),
});

/** Query 1 over every 20-line cart: `priced` with the quote, `plain` without it. */
export function cartSource(url: string, gateway: GatewayKind, identities: Identities, seeded: SeededCarts, lines: number, variant: "priced" | "plain" = "priced"): RequestSource {
  let counter = 0;
  const body = JSON.stringify({ query: variant === "priced" ? CART_QUERY : PLAIN_CART_QUERY });
  return {
    url,
    check: variant === "priced" ? fullCart(lines) : plainCart(lines),
    judgeAll: false,
    next: () => ({ headers: { ...json, ...credential(identities, gateway, counter++ % seeded.fullCartUsers) }, body }),
  };
}

export function productsSource(url: string): RequestSource {
  const request = graphql({}, PRODUCTS_QUERY);
  return { url, check: productPage, judgeAll: false, next: () => request };
}

/**
 * addToCart's spread: consecutive requests go to users far apart (a stride coprime with the
 * number of users visits every user once per cycle) and rotate over the products. Users it added
 * to join the checkout pool.
 */
export class AddToCartSpread {
  private counter = 0;
  private readonly stride: number;
  readonly usersAddedTo = new Set<number>();

  constructor(
    private readonly users: number,
    private readonly productIds: string[],
  ) {
    let stride = 7919;
    while (gcd(stride, users) !== 1) stride += 2;
    this.stride = stride;
  }

  next(): { user: number; productId: string } {
    const i = this.counter++;
    return { user: (i * this.stride) % this.users, productId: this.productIds[i % this.productIds.length] };
  }

  added(user: number): void {
    this.usersAddedTo.add(user);
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function addToCartSource(url: string, identities: Identities, spread: AddToCartSpread): RequestSource {
  return {
    url,
    check: addedToCart,
    judgeAll: true,
    next(context) {
      const { user, productId } = spread.next();
      context.user = user;
      return graphql(credential(identities, "ours", user), ADD_TO_CART, { productId });
    },
    onSuccess: (context) => spread.added(context.user as number),
  };
}

/** Users with a non-empty cart, each checked out at most once, shuffled so every run gets the same mix of cart sizes. */
export class CheckoutPool {
  private readonly users: number[];
  private cursor = 0;

  constructor(users: Iterable<number>) {
    this.users = shuffle([...new Set(users)].sort((a, b) => a - b));
  }

  get remaining(): number {
    return this.users.length - this.cursor;
  }

  /** The users not taken yet. */
  get untaken(): readonly number[] {
    return this.users.slice(this.cursor);
  }

  take(): number | null {
    return this.cursor < this.users.length ? this.users[this.cursor++] : null;
  }
}

/** Deterministic Fisher-Yates (mulberry32), so runs are comparable. */
function shuffle(values: number[]): number[] {
  let seed = 0x7201;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/**
 * Gets the checkout candidates' carts ready the way a shopper does (checkout refuses a cart
 * without a shipping selection): each user selects collect in store through our gateway,
 * `concurrency` at a time. Runs before the checkout scenario and is not measured; any refusal
 * stops the bench. Returns how many carts were made ready.
 */
export async function selectPickup(url: string, identities: Identities, users: Iterable<number>, concurrency = 16): Promise<number> {
  const queue = [...new Set(users)];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const user = queue[next++];
      const request = graphql(credential(identities, "ours", user), SELECT_SHIPPING, { optionId: PICKUP_OPTION });
      const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
      const text = await response.text();
      let problem: string | null = response.ok ? null : `HTTP ${response.status}`;
      if (!problem) {
        try {
          problem = judge(JSON.parse(text), selectedShipping)?.message ?? null;
        } catch {
          problem = "not JSON";
        }
      }
      if (problem) throw new Error(`selectShipping for ${ownerId(user)}: ${problem}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return queue.length;
}

/** Checkout: a new user and a new idempotency key every request; `budget` caps what one run may take from the pool. */
export function checkoutSource(url: string, identities: Identities, pool: CheckoutPool, budget: number): RequestSource {
  return {
    url,
    check: checkedOut,
    judgeAll: true,
    maxRequests: () => budget,
    next() {
      const user = pool.take();
      return user === null ? null : graphql(credential(identities, "ours", user), CHECKOUT, { key: randomUUID() });
    },
  };
}
