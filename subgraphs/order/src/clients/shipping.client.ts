// Checkout's call to the shipping context, with the order's service identity and a timeout: the
// shopper's selection judged again for the cart as it is ordered (options read from shipping's
// database, not its cache), and priced now. Any failure to get a usable answer is
// SubgraphUnavailable("shipping"); a refusal is an answer.
import type { ShippingCartRequest, ShippingJudgement, ShippingSelectionRequest } from "@trolley/federation";
import { callSubgraph, SubgraphUnavailable, type SubgraphEndpoint } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";

export type { JudgedShipping, ShippingCartRequest, ShippingJudgement, ShippingSelectionRequest } from "@trolley/federation";

export interface ShippingClient {
  judge(cart: ShippingCartRequest, selection: ShippingSelectionRequest): Promise<ShippingJudgement>;
}

const JUDGE = `query CheckoutShipping($cart: ShippingCartInput!, $selection: ShippingSelectionInput!) {
  judgeShippingSelection(cart: $cart, selection: $selection) {
    refusal { code message field }
    selected { optionId title priceMinor currencyCode deliveryDate addOns { id title priceMinor } totalMinor }
  }
}`;

const usable = (answer: ShippingJudgement | null | undefined): answer is ShippingJudgement =>
  !!answer && (answer.refusal !== null || answer.selected !== null) && (answer.refusal === null || typeof answer.refusal.code === "string");

export function httpShippingClient(endpoint: Omit<SubgraphEndpoint, "service">): ShippingClient {
  const target = { ...endpoint, service: "shipping" };
  const identity = serviceIdentity("order");
  return {
    async judge(cart, selection) {
      const { judgeShippingSelection: answer } = await callSubgraph<{ judgeShippingSelection: ShippingJudgement }>(target, identity, JUDGE, { cart, selection });
      if (!usable(answer)) throw new SubgraphUnavailable("shipping", "unexpected shipping judgement");
      return answer;
    },
  };
}
