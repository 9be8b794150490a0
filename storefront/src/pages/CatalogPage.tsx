// The catalog: search, a category filter and "load more" by cursor.
import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { CategoriesDocument, ProductsDocument } from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { RequestFailed } from "../components/Messages.tsx";
import { Link } from "../router.tsx";

const PAGE = 12;

export function CatalogPage() {
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const categories = useQuery(CategoriesDocument);
  const products = useQuery(ProductsDocument, { variables: { first: PAGE, search, categorySlug: category }, notifyOnNetworkStatusChange: true });
  const connection = products.data?.products;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim() || undefined);
  };

  return (
    <>
      <h1 tabIndex={-1}>Catalog</h1>
      <section aria-labelledby="filters" className="filters">
        <h2 id="filters" className="visually-hidden">
          Find products
        </h2>
        <form role="search" onSubmit={submit} className="inline-form">
          <label htmlFor="search">Search products</label>
          <input id="search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Search</button>
        </form>
        <div className="inline-form">
          <label htmlFor="category">Category</label>
          <select id="category" value={category ?? ""} onChange={(e) => setCategory(e.target.value || undefined)}>
            <option value="">All categories</option>
            {categories.data?.categories.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </section>
      <RequestFailed error={connection ? undefined : products.error} />
      {connection ? (
        <section aria-labelledby="results">
          <h2 id="results" aria-live="polite">
            {connection.totalCount === 0 ? "No products found" : `Showing ${connection.edges.length} of ${connection.totalCount} products`}
          </h2>
          <ul className="product-grid">
            {connection.edges.map(({ node }) => (
              <li key={node.id} className="card">
                <h3>
                  <Link to={`/products/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                </h3>
                <p>
                  <Money value={node.price} />
                  {node.category ? <span className="muted"> · {node.category.name}</span> : null}
                </p>
                <p className={node.inStock ? "ok" : "muted"}>{node.inStock ? "In stock" : "Out of stock"}</p>
              </li>
            ))}
          </ul>
          {connection.pageInfo.hasNextPage ? (
            <button type="button" disabled={products.loading} onClick={() => products.fetchMore({ variables: { after: connection.pageInfo.endCursor } })}>
              {products.loading ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </section>
      ) : (
        <p role="status">Loading products…</p>
      )}
    </>
  );
}
