// One order and its status as it changes: polled while it waits for its payment to settle.
import { useEffect } from "react";
import { useQuery } from "@apollo/client/react";
import { OrderDocument, type OrderStatus } from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { RequestFailed } from "../components/Messages.tsx";
import { Link } from "../router.tsx";

const LABELS: Record<OrderStatus, string> = { PENDING_PAYMENT: "Awaiting payment", PAID: "Paid", FULFILLED: "Fulfilled", CANCELLED: "Cancelled" };
export const statusLabel = (status: OrderStatus) => LABELS[status] ?? status;

const POLL_MS = 1000;

export function OrderPage({ id }: { id: string }) {
  const { data, error, startPolling, stopPolling } = useQuery(OrderDocument, { variables: { id }, fetchPolicy: "cache-and-network" });
  const order = data?.order;
  const settling = order?.status === "PENDING_PAYMENT" || order?.payments?.some((p) => p.status === "PROCESSING" || p.status === "REQUIRES_ACTION");
  useEffect(() => {
    if (settling) startPolling(POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [settling, startPolling, stopPolling]);

  if (!order) {
    return (
      <>
        <h1 tabIndex={-1}>Order</h1>
        <RequestFailed error={error} />
        {!error ? <p role="status">Loading the order…</p> : <p>Order not found.</p>}
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Order {order.number}</h1>
      <p role="status" aria-live="polite" className="order-status" data-status={order.status}>
        Status: <strong>{statusLabel(order.status)}</strong>
      </p>
      {order.status === "PENDING_PAYMENT" ? (
        <p>
          <Link to={`/orders/${encodeURIComponent(order.id)}/pay`}>Pay for this order</Link>
        </p>
      ) : null}
      <section aria-labelledby="order-lines">
        <h2 id="order-lines">Items</h2>
        <ul>
          {order.lines.map((line) => (
            <li key={line.id}>
              {line.productName} × {line.quantity} at <Money value={line.unitPrice} />: <Money value={line.total} />
            </li>
          ))}
          {order.serviceLines.map((s) => (
            <li key={s.id}>
              {s.title} × {s.quantity}: <Money value={s.subtotal} />
            </li>
          ))}
        </ul>
      </section>
      {order.shipping ? (
        <section aria-labelledby="order-shipping">
          <h2 id="order-shipping">Delivery</h2>
          <p>
            {order.shipping.title}
            {order.shipping.deliveryDate ? ` on ${order.shipping.deliveryDate}` : ""}
            {order.shipping.addOns.length ? ` with ${order.shipping.addOns.map((a) => a.title).join(", ")}` : ""}: <Money value={order.shipping.price} />
          </p>
          {order.shippingAddress ? (
            <address>
              {order.shippingAddress.fullName}, {order.shippingAddress.line1}
              {order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ""}, {order.shippingAddress.city} {order.shippingAddress.provinceCode ?? ""} {order.shippingAddress.postalCode},{" "}
              {order.shippingAddress.countryCode}
            </address>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="order-cost">
        <h2 id="order-cost">Cost</h2>
        <dl className="totals">
          <dt>Goods</dt>
          <dd>
            <Money value={order.cost.subtotal} />
          </dd>
          <dt>Services</dt>
          <dd>
            <Money value={order.cost.servicesSubtotal} />
          </dd>
          <dt>Shipping</dt>
          <dd>
            <Money value={order.cost.shipping} />
          </dd>
          {order.cost.discounts.map((d, i) => (
            <Row key={i} label={d.code ? `${d.title} (${d.code})` : d.title}>
              −<Money value={d.amount} />
            </Row>
          ))}
          <dt>{order.cost.taxIncluded ? "Tax included" : "Tax"}</dt>
          <dd>
            <Money value={order.cost.tax} />
          </dd>
          <dt className="total">Total</dt>
          <dd className="total">
            <Money value={order.cost.total} />
          </dd>
        </dl>
      </section>
      {order.payments?.length ? (
        <section aria-labelledby="order-payments">
          <h2 id="order-payments">Payments</h2>
          <ul>
            {order.payments.map((p) => (
              <li key={p.id}>
                <Money value={p.amount} />: {p.status.toLowerCase()}
                {p.failureCode ? ` (${p.failureCode})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/orders">All your orders</Link>
      </p>
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
