import { useQuery } from "@apollo/client/react";
import { OrdersDocument } from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { RequestFailed } from "../components/Messages.tsx";
import { Link } from "../router.tsx";
import { statusLabel } from "./OrderPage.tsx";

export function OrdersPage() {
  const { data, error, fetchMore, loading } = useQuery(OrdersDocument, { variables: { first: 20 }, fetchPolicy: "cache-and-network", notifyOnNetworkStatusChange: true });
  const orders = data?.orders;
  return (
    <>
      <h1 tabIndex={-1}>Your orders</h1>
      <RequestFailed error={orders ? undefined : error} />
      {!orders ? (
        !error ? <p role="status">Loading your orders…</p> : null
      ) : orders.edges.length === 0 ? (
        <p>
          No orders yet. <Link to="/">Browse the catalog</Link>
        </p>
      ) : (
        <>
          <ul className="orders">
            {orders.edges.map(({ node }) => (
              <li key={node.id} className="card">
                <Link to={`/orders/${encodeURIComponent(node.id)}`}>Order {node.number}</Link> · {new Date(node.createdAt).toLocaleDateString("en-US")} · <Money value={node.total} /> ·{" "}
                {statusLabel(node.status)}
              </li>
            ))}
          </ul>
          {orders.pageInfo.hasNextPage ? (
            <button type="button" disabled={loading} onClick={() => fetchMore({ variables: { after: orders.pageInfo.endCursor } })}>
              Load more orders
            </button>
          ) : null}
        </>
      )}
    </>
  );
}
