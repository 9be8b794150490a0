// The bench's users and their carts, written straight into the cart context's tables with SQL
// (batched INSERT ... SELECT FROM unnest(...)), which takes about a second for 10,000 users
// where going through the API would take minutes. Layout, by user number n:
//   n < fullCartUsers : one ACTIVE cart of exactly 20 lines of ACTIVE, in-stock products (query 1)
//   otherwise, by n % 10: 0 no cart at all (created on first use), 1 an empty cart,
//                         2-9 a cart of 1 to 8 lines
import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseUrl, type BenchSettings } from "./settings.js";

export const ownerId = (n: number) => `bench-user-${n}`;

export interface SeededCarts {
  users: number;
  carts: number;
  lines: number;
  fullCartUsers: number;
  /** Users whose cart has at least one line: the checkout candidates. */
  usersWithLines: number[];
  /** ACTIVE products, all in stock in the bench database. */
  productIds: string[];
}

const BATCH = 5000;

function linesFor(n: number, settings: BenchSettings): number | null {
  if (n < settings.fullCartUsers) return settings.linesPerFullCart;
  if (n % 10 === 0) return null;
  if (n % 10 === 1) return 0;
  return 1 + (n % 8);
}

async function insertBatches(db: pg.Client, sql: string, columns: unknown[][]): Promise<void> {
  const rows = columns[0].length;
  for (let start = 0; start < rows; start += BATCH) {
    await db.query(sql, columns.map((column) => column.slice(start, start + BATCH)));
  }
}

export async function seedCarts(settings: BenchSettings): Promise<SeededCarts> {
  const db = new pg.Client({ connectionString: databaseUrl(settings) });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT "id" FROM "catalog"."product" WHERE "status" = 'ACTIVE' AND "stock_on_hand" - "stock_reserved" > 0 ORDER BY "sku"`,
    );
    const productIds = rows.map((row) => row.id);
    if (productIds.length < settings.linesPerFullCart) throw new Error(`only ${productIds.length} products in stock; a full cart needs ${settings.linesPerFullCart}`);

    const cart = { id: [] as string[], owner: [] as string[] };
    const line = { id: [] as string[], cart: [] as string[], product: [] as string[], quantity: [] as number[] };
    const usersWithLines: number[] = [];
    for (let n = 0; n < settings.users; n++) {
      const count = linesFor(n, settings);
      if (count === null) continue;
      const cartId = randomUUID();
      cart.id.push(cartId);
      cart.owner.push(ownerId(n));
      if (count > 0) usersWithLines.push(n);
      // A window of consecutive products starting at a per-user offset: distinct within a cart,
      // spread across carts so no single product row is every checkout's hot spot.
      const offset = (n * 7) % productIds.length;
      for (let k = 0; k < count; k++) {
        line.id.push(randomUUID());
        line.cart.push(cartId);
        line.product.push(productIds[(offset + k) % productIds.length]);
        line.quantity.push(1 + ((n + k) % 3));
      }
    }

    await db.query("BEGIN");
    await insertBatches(
      db,
      `INSERT INTO "cart"."cart" ("id", "owner_id", "status", "created_at", "updated_at", "last_activity_at", "version")
       SELECT id, owner, 'ACTIVE', now(), now(), now(), 0 FROM unnest($1::text[], $2::text[]) AS t(id, owner)`,
      [cart.id, cart.owner],
    );
    await insertBatches(
      db,
      `INSERT INTO "cart"."cart_line" ("id", "cart_id", "product_id", "quantity", "created_at", "updated_at", "saved_at")
       SELECT id, cart_id, product_id, quantity, now(), now(), NULL
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(id, cart_id, product_id, quantity)`,
      [line.id, line.cart, line.product, line.quantity],
    );
    await db.query("COMMIT");
    await db.query(`ANALYZE "cart"."cart", "cart"."cart_line"`);
    return { users: settings.users, carts: cart.id.length, lines: line.id.length, fullCartUsers: settings.fullCartUsers, usersWithLines, productIds };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await db.end();
  }
}
