// The cart: quantities, remove, save for later, discount codes, services and the live totals of
// the cart's quote. A line the catalog could not describe still shows, by its product id.
import { useEffect, useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import {
  AddServiceDocument,
  ApplyDiscountCodeDocument,
  CartDocument,
  MoveToCartDocument,
  RemoveDiscountCodeDocument,
  RemoveFromCartDocument,
  RemoveServiceDocument,
  SaveForLaterDocument,
  StandaloneServicesDocument,
  UpdateCartLineDocument,
  type CartFieldsFragment,
  type CartLineFieldsFragment,
} from "../gql/graphql.ts";
import { Money } from "../components/Money.tsx";
import { Notice, Problems, RequestFailed, type Problem } from "../components/Messages.tsx";
import { CostSummary } from "../components/CostSummary.tsx";
import { Link } from "../router.tsx";
import { useCartChange, type CartChangeOutcome } from "../use-cart-change.ts";
import { unavailableServices } from "../unavailable.ts";

export function CartPage() {
  const { data, error } = useQuery(CartDocument, { fetchPolicy: "cache-and-network" });
  const [outcome, setOutcome] = useState<CartChangeOutcome | null>(null);
  const cart = data?.cart;
  const missing = unavailableServices(error);

  if (!cart) {
    return (
      <>
        <h1 tabIndex={-1}>Your cart</h1>
        <RequestFailed error={error} />
        {!error ? <p role="status">Loading your cart…</p> : null}
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Your cart</h1>
      {missing.length ? <Notice>Some details are unavailable right now ({missing.join(", ")}); your cart is safe and shows what we know.</Notice> : null}
      <Problems errors={outcome?.errors} warnings={outcome?.warnings} label="Your cart was not changed" />
      {cart.lines.length === 0 ? (
        <p>
          Your cart is empty. <Link to="/">Browse the catalog</Link>
        </p>
      ) : (
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">Items ({cart.totalQuantity})</h2>
          <ul className="lines">
            {cart.lines.map((line) => (
              <CartLineItem key={line.id} line={line} cart={cart} onOutcome={setOutcome} />
            ))}
          </ul>
        </section>
      )}
      <StandaloneServices cart={cart} onOutcome={setOutcome} />
      <DiscountCodes cart={cart} onOutcome={setOutcome} />
      {cart.savedForLater.length ? <SavedForLater cart={cart} onOutcome={setOutcome} /> : null}
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <CostSummary cart={cart} />
      </section>
      {cart.lines.length ? (
        <p>
          <Link to="/checkout" className="button primary">
            Go to checkout
          </Link>
        </p>
      ) : null}
    </>
  );
}

type OnOutcome = (outcome: CartChangeOutcome) => void;

function lineName(line: CartLineFieldsFragment): string {
  return line.product?.name ?? `Product ${line.productId}`;
}

function CartLineItem({ line, cart, onOutcome }: { line: CartLineFieldsFragment; cart: CartFieldsFragment; onOutcome: OnOutcome }) {
  const [quantity, setQuantity] = useState(String(line.quantity));
  // The line changed elsewhere (another tab, a merge): show its quantity now.
  useEffect(() => setQuantity(String(line.quantity)), [line.quantity]);
  const update = useCartChange(UpdateCartLineDocument, "updateCartLine");
  const remove = useCartChange(RemoveFromCartDocument, "removeFromCart");
  const save = useCartChange(SaveForLaterDocument, "saveForLater");
  const addService = useCartChange(AddServiceDocument, "addService");
  const removeService = useCartChange(RemoveServiceDocument, "removeService");
  const name = lineName(line);
  const attached = cart.serviceLines.filter((s) => s.lineId === line.id);
  const offered = (line.product?.services ?? []).filter((s) => !attached.some((a) => a.serviceId === s.id));
  const busy = update.busy || remove.busy || save.busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update.run({ productId: line.productId, quantity: Number(quantity) });
    if (!result.ok) setQuantity(String(line.quantity));
    onOutcome(result);
  };

  return (
    <li className="line card" data-product-id={line.productId}>
      <h3>{line.product ? <Link to={`/products/${encodeURIComponent(line.productId)}`}>{name}</Link> : name}</h3>
      {!line.product ? <p className="notice-text">The details of this product are unavailable right now; the line stays in your cart.</p> : null}
      <p>
        {line.product ? (
          <>
            <Money value={line.product.price} /> each ·{" "}
          </>
        ) : null}
        Subtotal <Money value={line.subtotal} />
        {line.cost && line.cost.discountTotal.amount !== "0.00" ? (
          <>
            {" "}
            · you save <Money value={line.cost.discountTotal} />
          </>
        ) : null}
      </p>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={`qty-${line.id}`}>Quantity of {name}</label>
        <input id={`qty-${line.id}`} type="number" inputMode="numeric" min={0} max={999} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        <button type="submit" disabled={busy}>
          Update
        </button>
      </form>
      <div className="actions">
        <button type="button" disabled={busy} onClick={async () => onOutcome(await remove.run({ productId: line.productId }))}>
          Remove {name}
        </button>
        <button type="button" disabled={busy} onClick={async () => onOutcome(await save.run({ productId: line.productId }))}>
          Save {name} for later
        </button>
      </div>
      {attached.length || offered.length ? (
        <div className="services">
          <h4>Services</h4>
          <ul>
            {attached.map((s) => (
              <li key={s.id}>
                {s.service?.title ?? s.serviceId} × {s.quantity}: <Money value={s.subtotal} />{" "}
                <button type="button" onClick={async () => onOutcome(await removeService.run({ serviceLineId: s.id }))}>
                  Remove {s.service?.title ?? s.serviceId}
                </button>
              </li>
            ))}
            {offered.map((s) => (
              <li key={s.id}>
                <button type="button" disabled={addService.busy} onClick={async () => onOutcome(await addService.run({ serviceId: s.id, lineId: line.id }))}>
                  Add {s.title} (<Money value={s.price} /> each)
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

function StandaloneServices({ cart, onOutcome }: { cart: CartFieldsFragment; onOutcome: OnOutcome }) {
  const { data } = useQuery(StandaloneServicesDocument);
  const add = useCartChange(AddServiceDocument, "addService");
  const remove = useCartChange(RemoveServiceDocument, "removeService");
  const services = data?.standaloneServices ?? [];
  if (!services.length || !cart.lines.length) return null;
  return (
    <section aria-labelledby="extras-heading">
      <h2 id="extras-heading">Extras for your order</h2>
      <ul>
        {services.map((s) => {
          const line = cart.serviceLines.find((l) => l.serviceId === s.id && !l.lineId);
          return (
            <li key={s.id}>
              {line ? (
                <>
                  {s.title}: <Money value={line.subtotal} />{" "}
                  <button type="button" onClick={async () => onOutcome(await remove.run({ serviceLineId: line.id }))}>
                    Remove {s.title}
                  </button>
                </>
              ) : (
                <button type="button" disabled={add.busy} onClick={async () => onOutcome(await add.run({ serviceId: s.id, lineId: null }))}>
                  Add {s.title} (<Money value={s.price} />)
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DiscountCodes({ cart, onOutcome }: { cart: CartFieldsFragment; onOutcome: OnOutcome }) {
  const [code, setCode] = useState("");
  const apply = useCartChange(ApplyDiscountCodeDocument, "applyDiscountCode");
  const remove = useCartChange(RemoveDiscountCodeDocument, "removeDiscountCode");
  const [problems, setProblems] = useState<Problem[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await apply.run({ code: code.trim() });
    setProblems(result.errors);
    if (result.ok) setCode("");
    onOutcome({ ...result, errors: [] });
  };
  return (
    <section aria-labelledby="codes-heading">
      <h2 id="codes-heading">Discount codes</h2>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor="discount-code">Discount code</label>
        <input id="discount-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        <button type="submit" disabled={apply.busy}>
          Apply code
        </button>
      </form>
      <Problems errors={problems} label="The code was not applied" />
      {cart.discountCodes?.length ? (
        <ul>
          {cart.discountCodes.map((c) => (
            <li key={c.code}>
              <strong>{c.code}</strong> {c.applicable ? "applied" : "(does not apply to this cart now)"}{" "}
              <button type="button" onClick={async () => onOutcome(await remove.run({ code: c.code }))}>
                Remove code {c.code}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SavedForLater({ cart, onOutcome }: { cart: CartFieldsFragment; onOutcome: OnOutcome }) {
  const move = useCartChange(MoveToCartDocument, "moveToCart");
  return (
    <section aria-labelledby="saved-heading">
      <h2 id="saved-heading">Saved for later</h2>
      <ul>
        {cart.savedForLater.map((item) => {
          const name = item.product?.name ?? `Product ${item.productId}`;
          return (
            <li key={item.id}>
              {name} × {item.quantity}{" "}
              <button type="button" disabled={move.busy} onClick={async () => onOutcome(await move.run({ productId: item.productId }))}>
                Move {name} to cart
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
