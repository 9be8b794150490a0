// What reaches the live cart from the contexts' streams, and the pub/sub channels it travels on.
// A cart change goes to its cart's channel; a price change to its product's; a promotion or tax
// rate change to every subscriber (the rules say by themselves which carts they touch, so each
// subscriber's quote is looked at again and pushed only if it changed). The channel names carry
// the Redis database: pub/sub is shared by all databases of a server, keys and streams are not.
import type { DomainEvent } from "@trolley/outbox";

export const LIVE_CART_STREAMS = ["cart-events", "catalog-events", "pricing-events"] as const;

export interface LiveCartSignal {
  /** The contract's cause (CONTRACT.md, "Live cart"). */
  cause: string;
  /** true: push only if the subscriber's answer changed (a price or rule may not touch what they see). */
  ifChanged: boolean;
  /**
   * true: look once more after a moment. Each pricing process applies a rule change when it reads
   * it from its own stream, so the first look may still reach one that has not.
   */
  settle?: boolean;
}

export type SignalTarget = { kind: "cart"; id: string } | { kind: "product"; id: string } | { kind: "rules" };

export interface RoutedSignal {
  target: SignalTarget;
  signal: LiveCartSignal;
}

const push = (cause: string): LiveCartSignal => ({ cause, ifChanged: false });

function cartCause(event: DomainEvent): string | null {
  switch (event.type) {
    case "CartItemAdded":
      return event.data.source === "MOVED_FROM_SAVED" ? "MOVED_TO_CART" : "ITEM_ADDED";
    case "CartItemRemoved":
      return event.data.reason === "SAVED_FOR_LATER" ? "SAVED_FOR_LATER" : "ITEM_REMOVED";
    case "CartItemQuantityChanged":
      return "QUANTITY_CHANGED";
    case "CartCleared":
      return "CLEARED";
    case "CartMerged":
      return "MERGED";
    case "CartCheckedOut":
      return "CHECKED_OUT";
    case "PromoCodeApplied":
    case "PromoCodeRemoved":
      return "CODE_CHANGED";
    case "CartEmailProvided":
      return "EMAIL_CHANGED";
    case "ShippingAddressProvided":
    case "ShippingMethodSelected":
    case "DeliveryDateSelected":
      return "SHIPPING_CHANGED";
    case "ServiceAdded":
    case "ServiceRemoved":
      return "SERVICE_CHANGED";
    // CartAbandoned changes nothing the shopper sees.
    default:
      return null;
  }
}

/** Where an event of one of LIVE_CART_STREAMS goes, if anywhere. */
export function routeEvent(stream: string, event: DomainEvent): RoutedSignal | null {
  if (stream === "cart-events") {
    const cause = cartCause(event);
    return cause ? { target: { kind: "cart", id: event.aggregateId }, signal: push(cause) } : null;
  }
  if (stream === "catalog-events" && event.type === "PriceChanged") {
    return { target: { kind: "product", id: event.aggregateId }, signal: { cause: "PRICE_CHANGED", ifChanged: true } };
  }
  if (stream === "pricing-events" && (event.type === "PromotionChanged" || event.type === "TaxRateChanged")) {
    return { target: { kind: "rules" }, signal: { cause: "PRICE_CHANGED", ifChanged: true, settle: true } };
  }
  return null;
}

export const channelOf = (db: number, target: SignalTarget) => `live-cart:${db}:${target.kind === "rules" ? "rules" : `${target.kind}:${target.id}`}`;
