// Per-request DataLoaders for the cart's entities: N lookups of one kind in a tick are one query.
import DataLoader from "dataloader";
import { byKey } from "@trolley/federation";
import type { CartStore, CartLineRow, CartRow } from "./cart/cart.store.js";

export function createLoaders(store: CartStore) {
  return {
    cart: new DataLoader<string, CartRow | null>(async (ids) => byKey(ids, await store.cartsByIds(ids))),
    line: new DataLoader(async (ids: readonly string[]) => byKey(ids, await store.linesByIds(ids))),
    linesOfCart: new DataLoader<string, CartLineRow[]>(async (cartIds) => {
      const lines = await store.linesOfCarts(cartIds);
      return cartIds.map((id) => lines.filter((line) => line.cartId === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
