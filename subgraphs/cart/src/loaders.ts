// Per-request DataLoaders for the cart's entities: N lookups of one kind in a tick are one query.
import DataLoader from "dataloader";
import { byKey, groupedByKey } from "@trolley/federation";
import type { CartStore, CartLineRow, CartRow } from "./cart/cart.store.js";
import type { DiscountCodeStore } from "./discount-codes/discount-code.store.js";
import type { ServiceLineStore } from "./service-lines/service-line.store.js";

export function createLoaders(store: CartStore, codes: DiscountCodeStore, serviceLines: ServiceLineStore) {
  return {
    cart: new DataLoader<string, CartRow | null>(async (ids) => byKey(ids, await store.cartsByIds(ids))),
    line: new DataLoader(async (ids: readonly string[]) => byKey(ids, await store.linesByIds(ids))),
    linesOfCart: new DataLoader<string, CartLineRow[]>(async (cartIds) => {
      const lines = await store.linesOfCarts(cartIds);
      return cartIds.map((id) => lines.filter((line) => line.cartId === id));
    }),
    /** The codes each cart holds, as entered, in entry order. */
    discountCodesOfCart: new DataLoader<string, string[]>(async (cartIds) =>
      groupedByKey(cartIds, await codes.codesOfCarts(cartIds), (row) => row.cartId).map((rows) => rows.map((row) => row.code)),
    ),
    /** The services each cart holds, oldest first, each with its line's quantity. */
    serviceLinesOfCart: new DataLoader(async (cartIds: readonly string[]) =>
      groupedByKey(cartIds, await serviceLines.serviceLinesOfCarts(cartIds), (row) => row.cartId),
    ),
    serviceLine: new DataLoader(async (ids: readonly string[]) => byKey(ids, await serviceLines.byIds(ids))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
