// The cart's call to the shipping context, with the cart's service identity and a timeout: whether
// a shipping selection fits a cart and its address (judgeShippingSelection), asked when the shopper
// selects and when the address moves. Shipping owns options, prices and calendars; the cart only
// asks. Any failure to get a usable answer (timeout, refused connection, error response, an answer
// of another shape) is SHIPPING_UNAVAILABLE, and the caller decides what that means for its change.
import { DomainError } from "@trolley/errors";
import type { JudgedShipping, ShippingCartRequest, ShippingJudgement, ShippingRefusalCode, ShippingSelectionRequest } from "@trolley/federation";
import { callSubgraph, SubgraphUnavailable, type SubgraphEndpoint } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";

export interface ShippingClient {
  /** Shipping's judgement of `selection` for `cart`: a refusal, or the selection priced now. */
  judgeSelection(cart: ShippingCartRequest, selection: ShippingSelectionRequest): Promise<ShippingJudgement>;
}

export class ShippingUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("SHIPPING_UNAVAILABLE", "Shipping could not be checked just now, so the cart was not changed. Please retry.");
  }
}

const JUDGE = `query JudgeShippingSelection($cart: ShippingCartInput!, $selection: ShippingSelectionInput!) {
  judgeShippingSelection(cart: $cart, selection: $selection) {
    refusal { code message field }
    selected { optionId title priceMinor currencyCode deliveryDate addOns { id title priceMinor } totalMinor }
  }
}`;

const refusalCodes: readonly ShippingRefusalCode[] = ["SHIPPING_OPTION_UNAVAILABLE", "DELIVERY_DATE_UNAVAILABLE", "SHIPPING_ADD_ON_UNAVAILABLE"];

type Answer = Record<string, unknown> | null | undefined;

const isText = (value: unknown): value is string => typeof value === "string";
const isMinor = (value: unknown): value is string => isText(value) && /^\d{1,15}$/.test(value);

function refusalOf(answer: Answer): ShippingJudgement["refusal"] | undefined {
  if (answer === null) return null;
  if (!answer || !refusalCodes.includes(answer.code as ShippingRefusalCode) || !isText(answer.message)) return undefined;
  const field = answer.field ?? null;
  if (field !== null && !(Array.isArray(field) && field.every(isText))) return undefined;
  return { code: answer.code as ShippingRefusalCode, message: answer.message, field: field as string[] | null };
}

function selectedOf(answer: Answer): JudgedShipping | null | undefined {
  if (answer === null) return null;
  if (!answer || !isText(answer.optionId) || !isText(answer.title) || !isMinor(answer.priceMinor) || !isText(answer.currencyCode) || !isMinor(answer.totalMinor)) return undefined;
  if (answer.deliveryDate !== null && !isText(answer.deliveryDate)) return undefined;
  const addOns = answer.addOns;
  if (!Array.isArray(addOns) || !addOns.every((addOn: Answer) => addOn && isText(addOn.id) && isText(addOn.title) && isMinor(addOn.priceMinor))) return undefined;
  return {
    optionId: answer.optionId,
    title: answer.title,
    priceMinor: answer.priceMinor,
    currencyCode: answer.currencyCode,
    deliveryDate: (answer.deliveryDate as string | null) ?? null,
    addOns: addOns.map(({ id, title, priceMinor }) => ({ id, title, priceMinor })),
    totalMinor: answer.totalMinor,
  };
}

/**
 * Shipping's answer as a ShippingJudgement, or undefined when it is not one: an unknown refusal
 * code, a malformed part, or not exactly one of a refusal and a priced selection.
 */
export function judgementOf(answer: Answer): ShippingJudgement | undefined {
  if (!answer) return undefined;
  const refusal = refusalOf(answer.refusal as Answer);
  const selected = selectedOf(answer.selected as Answer);
  if (refusal === undefined || selected === undefined || (refusal === null) === (selected === null)) return undefined;
  return { refusal, selected };
}

export function httpShippingClient(settings: Omit<SubgraphEndpoint, "service">): ShippingClient {
  const endpoint = { ...settings, service: "shipping" };
  const identity = serviceIdentity("cart");
  return {
    async judgeSelection(cart, selection) {
      let data: { judgeShippingSelection?: Answer };
      try {
        data = await callSubgraph(endpoint, identity, JUDGE, { cart, selection });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new ShippingUnavailable(error.message);
        throw error;
      }
      const judgement = judgementOf(data.judgeShippingSelection);
      if (!judgement) throw new ShippingUnavailable("unexpected judgement");
      return judgement;
    },
  };
}
