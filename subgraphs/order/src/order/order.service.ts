// Reading orders: one order for a caller, a caller's order history, and references from other
// subgraphs. Built for each request around that request's loaders, so every order looked up in a
// request is one query; who may see what is order-visibility.rules, the paging order-paging.rules.
import type { Identity } from "@trolley/identity";
import type { Loaders } from "../loaders.js";
import { orderPage, orderPageRequest } from "./order-paging.rules.js";
import { canResolveOrderReference, canSeeOrder } from "./order-visibility.rules.js";
import type { OrderStore } from "./order.store.js";
import type { OrderRecord } from "./order.type.js";

export type OrderPage = ReturnType<typeof orderPage<OrderRecord>>;

export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly loaders: Loaders,
  ) {}

  /** The order, if the caller may see it: an order it may not see answers like one that does not exist. */
  async find(caller: Identity, id: string): Promise<OrderRecord | null> {
    const order = await this.loaders.order.load(id);
    return order && canSeeOrder(caller, order) ? order : null;
  }

  /** The order a reference names, for a caller or another service that may resolve it; null otherwise. */
  async referenced(identity: Identity, id: string): Promise<OrderRecord | null> {
    const order = await this.loaders.order.load(id);
    return order && canResolveOrderReference(identity, order) ? order : null;
  }

  /** A page of the owner's orders, newest first. */
  async history(ownerId: string, first: number | null | undefined, after: string | null | undefined): Promise<OrderPage> {
    const request = orderPageRequest(first, after);
    const orders = await this.store.listByOwner(ownerId, request);
    // Primed so that references to these orders later in the request need no query.
    for (const order of orders) this.loaders.order.prime(order.id, order);
    return orderPage(orders, request);
  }
}
