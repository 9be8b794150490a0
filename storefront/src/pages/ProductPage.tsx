// One product: its price, stock and the services sold with it, and adding it to the cart.
import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { AddToCartDocument, ProductDocument } from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { Problems, RequestFailed } from "../components/Messages.tsx";
import { Link } from "../router.tsx";
import { useCartChange } from "../use-cart-change.ts";

export function ProductPage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(ProductDocument, { variables: { id } });
  const [quantity, setQuantity] = useState("1");
  const add = useCartChange(AddToCartDocument, "addToCart");
  const product = data?.product;

  if (!product) {
    return (
      <>
        <h1 tabIndex={-1}>{loading ? "Loading product…" : "Product not found"}</h1>
        <RequestFailed error={error} />
        <p>
          <Link to="/">Back to the catalog</Link>
        </p>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await add.run({ productId: product.id, quantity: Number(quantity) });
  };

  return (
    <>
      <h1 tabIndex={-1}>{product.name}</h1>
      <article className="product">
        <p className="price">
          <Money value={product.price} />
        </p>
        {product.description ? <p>{product.description}</p> : null}
        <dl className="facts">
          <dt>Availability</dt>
          <dd>{product.status === "DISCONTINUED" ? "Discontinued" : product.inStock ? `In stock (${product.availableQuantity} available)` : "Out of stock"}</dd>
          <dt>SKU</dt>
          <dd>{product.sku}</dd>
          {product.category ? (
            <>
              <dt>Category</dt>
              <dd>{product.category.name}</dd>
            </>
          ) : null}
        </dl>
        {product.services.length ? (
          <section aria-labelledby="services">
            <h2 id="services">Services on offer</h2>
            <ul>
              {product.services.map((s) => (
                <li key={s.id}>
                  {s.title}: <Money value={s.price} /> per unit (add it from your cart)
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <form onSubmit={submit} className="inline-form">
          <label htmlFor="quantity">Quantity</label>
          <input id="quantity" type="number" inputMode="numeric" min={1} max={999} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          <button type="submit" disabled={add.busy}>
            Add to cart
          </button>
        </form>
        <Problems errors={add.outcome?.errors} warnings={add.outcome?.warnings} label="Could not add to cart" />
        {add.outcome?.ok ? (
          <p role="status" className="message success">
            Added to your cart. <Link to="/cart">View cart</Link>
          </p>
        ) : null}
      </article>
    </>
  );
}
