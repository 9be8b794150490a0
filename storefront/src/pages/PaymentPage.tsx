// Paying for an order with one of the test provider's cards. A declined card says so and the
// shopper tries another; a good one moves on to the order's page, where its status shows.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { OrderDocument, PayOrderDocument } from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { Problems, RequestFailed, type Problem } from "../components/Messages.tsx";
import { Link, navigate } from "../router.tsx";

const CARDS = [
  { token: "tok_visa", label: "Visa ending 4242 (test card that succeeds)" },
  { token: "tok_chargeDeclined", label: "Visa ending 0002 (test card that is declined)" },
  { token: "tok_insufficientFunds", label: "Visa ending 9995 (test card with insufficient funds)" },
] as const;

const FAILURES: Record<string, string> = {
  CARD_DECLINED: "Your card was declined. Please try another card.",
  INSUFFICIENT_FUNDS: "Your card has insufficient funds. Please try another card.",
};

export function PaymentPage({ orderId }: { orderId: string }) {
  const { data, error } = useQuery(OrderDocument, { variables: { id: orderId } });
  const [pay, { loading }] = useMutation(PayOrderDocument);
  const [card, setCard] = useState<string>(CARDS[0].token);
  const [problems, setProblems] = useState<Problem[]>([]);
  const order = data?.order;

  if (!order) {
    return (
      <>
        <h1 tabIndex={-1}>Payment</h1>
        <RequestFailed error={error} />
        {!error ? <p role="status">Loading the order…</p> : <p>Order not found.</p>}
      </>
    );
  }
  if (order.status !== "PENDING_PAYMENT") {
    return (
      <>
        <h1 tabIndex={-1}>Payment</h1>
        <p>
          Order {order.number} is {order.status.toLowerCase().replace("_", " ")}. <Link to={`/orders/${encodeURIComponent(order.id)}`}>View the order</Link>
        </p>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    // Each attempt is its own payment: a new key, so a retry with another card is not a repeat.
    const result = await pay({ variables: { orderId: order.id, paymentMethodToken: card, idempotencyKey: crypto.randomUUID() } });
    const payload = result.data?.payOrder;
    if (!payload) return setProblems([{ code: "REQUEST_FAILED", message: result.error?.message ?? "The shop did not answer." }]);
    if (payload.userErrors.length) return setProblems(payload.userErrors);
    const payment = payload.payment;
    if (payment?.status === "FAILED") {
      const code = payment.failureCode ?? "PAYMENT_FAILED";
      return setProblems([{ code, message: FAILURES[code] ?? "The payment failed. Please try another card." }]);
    }
    navigate(`/orders/${encodeURIComponent(order.id)}`);
  };

  return (
    <>
      <h1 tabIndex={-1}>Payment</h1>
      <p>
        Order {order.number}: <Money value={order.total} /> to pay.
      </p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Card</legend>
          {CARDS.map((c) => (
            <div key={c.token} className="choice">
              <input type="radio" id={`card-${c.token}`} name="card" value={c.token} checked={card === c.token} onChange={() => setCard(c.token)} />
              <label htmlFor={`card-${c.token}`}>{c.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={loading}>
          Pay <Money value={order.total} />
        </button>
      </form>
      <Problems errors={problems} label="The payment did not go through" />
    </>
  );
}
