// Checkout reads the caller's cart from the cart subgraph, on the caller's behalf (the caller's
// own identity, signed by us), so the cart's own access rules apply. It talks to the subgraph
// directly, so it may read the cart's @inaccessible fields (version, the codes entered).
import type { Identity } from "@trolley/identity";
import { callSubgraph, type SubgraphEndpoint } from "@trolley/http";
import type { CartDelivery } from "../checkout/checkout-delivery.rules.js";

/** The cart as checkout reads it: its lines and codes, and the shopper's delivery choices. */
export interface CartSnapshot extends CartDelivery {
  id: string;
  version: number;
  /** In the cart's order, with the cart's line ids: the quote is priced from them as the cart's was. */
  lines: { id: string; productId: string; quantity: number }[];
  /** The discount codes the shopper entered, as entered, in entry order. */
  codes: string[];
}

export interface CartClient {
  cartOf(caller: Identity): Promise<CartSnapshot>;
}

const CART_QUERY = `query CheckoutCart { cart {
  id version lines { id quantity product { id } } discountCodeEntries
  email shippingAddress { fullName line1 line2 city provinceCode postalCode countryCode phone }
  shippingSelection { optionId deliveryDate addOnIds }
  serviceLines { id serviceId lineId quantity }
} }`;

type CartAnswer = {
  cart: { id: string; version: number; lines: { id: string; quantity: number; product: { id: string } }[]; discountCodeEntries: string[] } & CartDelivery;
};

export function httpCartClient(endpoint: Omit<SubgraphEndpoint, "service">): CartClient {
  return {
    async cartOf(caller) {
      const { cart } = await callSubgraph<CartAnswer>({ ...endpoint, service: "cart" }, caller, CART_QUERY, {});
      return {
        id: cart.id,
        version: cart.version,
        lines: cart.lines.map((line) => ({ id: line.id, productId: line.product.id, quantity: line.quantity })),
        codes: cart.discountCodeEntries,
        email: cart.email,
        shippingAddress: cart.shippingAddress,
        shippingSelection: cart.shippingSelection,
        serviceLines: cart.serviceLines,
      };
    },
  };
}
