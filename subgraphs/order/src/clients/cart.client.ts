// Checkout reads the caller's cart from the cart subgraph, on the caller's behalf (the caller's
// own identity, signed by us), so the cart's own access rules apply.
import type { Identity } from "@trolley/identity";
import { callSubgraph, type SubgraphEndpoint } from "@trolley/http";

export interface CartSnapshot {
  id: string;
  version: number;
  lines: { productId: string; quantity: number }[];
}

export interface CartClient {
  cartOf(caller: Identity): Promise<CartSnapshot>;
}

const CART_QUERY = `query CheckoutCart { cart { id version lines { quantity product { id } } } }`;

export function httpCartClient(endpoint: Omit<SubgraphEndpoint, "service">): CartClient {
  return {
    async cartOf(caller) {
      const data = await callSubgraph<{ cart: { id: string; version: number; lines: { quantity: number; product: { id: string } }[] } }>(
        { ...endpoint, service: "cart" },
        caller,
        CART_QUERY,
        {},
      );
      return { id: data.cart.id, version: data.cart.version, lines: data.cart.lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })) };
    },
  };
}
