// The cart's quote as the shopper reads it: goods, services, shipping, each discount, tax and the
// total, all from Cart.cost (never summed here).
import type { CartFieldsFragment, MoneyFieldsFragment } from "../gql/graphql.ts";
import { Money } from "./Money.tsx";

export function CostSummary({ cart }: { cart: CartFieldsFragment }) {
  const cost = cart.cost;
  if (!cost) return <p className="notice-text">Totals are unavailable right now; they will show again shortly.</p>;
  return (
    <dl className="totals" aria-label="Cart totals">
      <dt>Goods</dt>
      <dd>
        <Money value={cost.subtotal} />
      </dd>
      {cost.servicesSubtotal.amount !== "0.00" ? (
        <>
          <dt>Services</dt>
          <dd>
            <Money value={cost.servicesSubtotal} />
          </dd>
        </>
      ) : null}
      <dt>Shipping</dt>
      <dd>{cost.shipping ? <Money value={cost.shipping} /> : "Chosen at checkout"}</dd>
      {cost.discounts.map((d, i) => (
        <Discount key={i} title={d.code ? `${d.title} (${d.code})` : d.title} amount={d.amount} />
      ))}
      <dt>{cost.taxEstimated ? "Tax (estimated)" : cost.taxIncluded ? "Tax included" : "Tax"}</dt>
      <dd>
        <Money value={cost.tax} />
      </dd>
      <dt className="total">Total</dt>
      <dd className="total" data-testid="cart-total">
        <Money value={cost.total} />
      </dd>
    </dl>
  );
}

function Discount({ title, amount }: { title: string; amount: MoneyFieldsFragment }) {
  return (
    <>
      <dt>{title}</dt>
      <dd>
        −<Money value={amount} />
      </dd>
    </>
  );
}
