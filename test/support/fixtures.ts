// Products of the demo seed that tests rely on, found by their SKU through the public API.
import { products as seedProducts } from "../../prisma/catalog/seed.js";
import type { Stack } from "./stack.js";

export const seedSku = {
  /** ACTIVE, 19.99, 500 in stock. */
  dripper: "COF-0001",
  outOfStock: seedProducts.find((p) => p.status === "ACTIVE" && p.stockOnHand === 0)!.sku,
  discontinued: seedProducts.find((p) => p.status === "DISCONTINUED")!.sku,
  lowStock: seedProducts.find((p) => p.status === "ACTIVE" && p.stockOnHand > 0 && p.stockOnHand <= 5)!.sku,
};

export const activeSkus = seedProducts.filter((p) => p.status === "ACTIVE" && p.stockOnHand >= 20).map((p) => p.sku);

/** Product ids by SKU, read through the gateway like a client would. */
export async function productIds(stack: Stack, skus: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const sku of skus) {
    const result = await stack.query(`query($sku: String) { products(search: $sku, includeDiscontinued: true, first: 1) { edges { node { id sku } } } }`, { sku });
    const node = result.data?.products.edges[0]?.node;
    if (node?.sku !== sku) throw new Error(`seed product ${sku} not found`);
    ids.push(node.id);
  }
  return ids;
}
