// Checkout: the email, the address, a shipping option with its day and add-ons, and a review of the
// quote; placing the order sends the total the shopper saw (expectedTotal).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { CartDocument, CheckoutDocument, SelectShippingDocument, SetCartEmailDocument, SetShippingAddressDocument, type CartFieldsFragment } from "../gql/graphql.ts";
import { CostSummary } from "../components/CostSummary.tsx";
import { Money } from "../components/Money.tsx";
import { Problems, RequestFailed, type Problem } from "../components/Messages.tsx";
import { Link, navigate } from "../router.tsx";
import { useCartChange } from "../use-cart-change.ts";

const COUNTRIES = [
  ["US", "United States"],
  ["PL", "Poland"],
  ["DE", "Germany"],
  ["GB", "United Kingdom"],
  ["FR", "France"],
  ["CA", "Canada"],
  ["NL", "Netherlands"],
] as const;

export function CheckoutPage() {
  const { data, error } = useQuery(CartDocument, { fetchPolicy: "cache-and-network" });
  const cart = data?.cart;
  if (!cart) {
    return (
      <>
        <h1 tabIndex={-1}>Checkout</h1>
        <RequestFailed error={error} />
        {!error ? <p role="status">Loading your cart…</p> : null}
      </>
    );
  }
  if (!cart.lines.length) {
    return (
      <>
        <h1 tabIndex={-1}>Checkout</h1>
        <p>
          Your cart is empty. <Link to="/">Browse the catalog</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Checkout</h1>
      <EmailStep cart={cart} />
      <AddressStep cart={cart} />
      <ShippingStep cart={cart} />
      <Review cart={cart} />
    </>
  );
}

function EmailStep({ cart }: { cart: CartFieldsFragment }) {
  const [email, setEmail] = useState(cart.email ?? "");
  const save = useCartChange(SetCartEmailDocument, "setCartEmail");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save.run({ email });
  };
  return (
    <section aria-labelledby="email-heading" className="step">
      <h2 id="email-heading">1. Email</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="email">Email for the order confirmation</label>
          <input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <button type="submit" disabled={save.busy}>
          Save email
        </button>
      </form>
      <Problems errors={save.outcome?.errors} warnings={save.outcome?.warnings} label="The email was not saved" />
      {save.outcome?.ok ? (
        <p role="status" className="message success">
          Email saved: {cart.email}
        </p>
      ) : null}
    </section>
  );
}

function AddressStep({ cart }: { cart: CartFieldsFragment }) {
  const a = cart.shippingAddress;
  const [form, setForm] = useState({
    fullName: a?.fullName ?? "",
    line1: a?.line1 ?? "",
    line2: a?.line2 ?? "",
    city: a?.city ?? "",
    provinceCode: a?.provinceCode ?? "",
    postalCode: a?.postalCode ?? "",
    countryCode: a?.countryCode ?? "US",
    phone: a?.phone ?? "",
  });
  const save = useCartChange(SetShippingAddressDocument, "setShippingAddress");
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const fieldError = (name: string) => save.outcome?.errors.find((e) => e.field?.includes(name));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() ? value.trim() : null);
    await save.run({
      address: {
        fullName: form.fullName,
        line1: form.line1,
        line2: optional(form.line2),
        city: form.city,
        provinceCode: optional(form.provinceCode),
        postalCode: form.postalCode,
        countryCode: form.countryCode,
        phone: optional(form.phone),
      },
    });
  };
  const input = (key: keyof typeof form, label: string, props: Record<string, unknown> = {}) => {
    const problem = fieldError(key);
    return (
      <div className="field">
        <label htmlFor={`address-${key}`}>{label}</label>
        <input id={`address-${key}`} value={form[key]} onChange={set(key)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `address-${key}-error` : undefined} {...props} />
        {problem ? (
          <p id={`address-${key}-error`} className="field-error">
            {problem.message}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <section aria-labelledby="address-heading" className="step">
      <h2 id="address-heading">2. Delivery address</h2>
      <form onSubmit={submit}>
        {input("fullName", "Full name", { autoComplete: "name", required: true })}
        {input("line1", "Address line 1", { autoComplete: "address-line1", required: true })}
        {input("line2", "Address line 2 (optional)", { autoComplete: "address-line2" })}
        {input("city", "City", { autoComplete: "address-level2", required: true })}
        {input("provinceCode", "State or province code (e.g. NY)", { autoComplete: "address-level1" })}
        {input("postalCode", "Postal code", { autoComplete: "postal-code", required: true })}
        <div className="field">
          <label htmlFor="address-countryCode">Country</label>
          <select id="address-countryCode" value={form.countryCode} onChange={set("countryCode")} autoComplete="country">
            {COUNTRIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {input("phone", "Phone (optional)", { autoComplete: "tel", type: "tel" })}
        <button type="submit" disabled={save.busy}>
          Save address
        </button>
      </form>
      <Problems errors={save.outcome?.errors} warnings={save.outcome?.warnings} label="The address was not saved" />
      {save.outcome?.ok ? (
        <p role="status" className="message success">
          Address saved.
        </p>
      ) : null}
    </section>
  );
}

function ShippingStep({ cart }: { cart: CartFieldsFragment }) {
  const options = cart.shippingOptions ?? [];
  const selected = cart.selectedShipping;
  const [optionId, setOptionId] = useState(selected?.option.id ?? "");
  const [date, setDate] = useState(selected?.deliveryDate ?? "");
  const [addOns, setAddOns] = useState<string[]>(selected?.addOns.map((a) => a.id) ?? []);
  const save = useCartChange(SelectShippingDocument, "selectShipping");
  const option = options.find((o) => o.id === optionId);

  const choose = (id: string) => {
    setOptionId(id);
    setDate("");
    setAddOns([]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!option) return;
    await save.run({ optionId: option.id, deliveryDate: date || null, addOnIds: addOns });
  };
  return (
    <section aria-labelledby="shipping-heading" className="step">
      <h2 id="shipping-heading">3. Shipping</h2>
      {cart.shippingOptions === null || cart.shippingOptions === undefined ? (
        <p className="notice-text">Shipping options are unavailable right now.</p>
      ) : options.length === 0 ? (
        <p>No shipping option serves this cart and address.</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend>Shipping option</legend>
            {options.map((o) => (
              <div key={o.id} className="choice">
                <input type="radio" id={`option-${o.id}`} name="shipping-option" value={o.id} checked={optionId === o.id} onChange={() => choose(o.id)} />
                <label htmlFor={`option-${o.id}`}>
                  {o.title}: <Money value={o.price} />
                </label>
              </div>
            ))}
          </fieldset>
          {option && option.deliveryDates.length ? (
            <div className="field">
              <label htmlFor="delivery-date">Delivery date{option.deliveryDatesEstimated ? " (estimated)" : ""}</label>
              <select id="delivery-date" value={date} onChange={(e) => setDate(e.target.value)}>
                <option value="">Earliest available</option>
                {option.deliveryDates.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {option && option.addOns.length ? (
            <fieldset>
              <legend>Add-ons</legend>
              {option.addOns.map((addOn) => (
                <div key={addOn.id} className="choice">
                  <input
                    type="checkbox"
                    id={`addon-${addOn.id}`}
                    checked={addOns.includes(addOn.id)}
                    onChange={(e) => setAddOns(e.target.checked ? [...addOns, addOn.id] : addOns.filter((id) => id !== addOn.id))}
                  />
                  <label htmlFor={`addon-${addOn.id}`}>
                    {addOn.title}: <Money value={addOn.price} />
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" disabled={!option || save.busy}>
            Save shipping choice
          </button>
        </form>
      )}
      <Problems errors={save.outcome?.errors} warnings={save.outcome?.warnings} label="The shipping choice was not saved" />
      {selected ? (
        <p role="status" className="message success">
          Shipping: {selected.option.title}
          {selected.deliveryDate ? ` on ${selected.deliveryDate}` : ""}
          {selected.addOns.length ? ` with ${selected.addOns.map((a) => a.title).join(", ")}` : ""} (<Money value={selected.price} />)
        </p>
      ) : null}
    </section>
  );
}

function Review({ cart }: { cart: CartFieldsFragment }) {
  const [checkout, { loading }] = useMutation(CheckoutDocument, { refetchQueries: [{ query: CartDocument }] });
  const [problems, setProblems] = useState<Problem[]>([]);
  // One key per attempt at this cart's total: a repeat of the same attempt (a double submit) is one order.
  const [key] = useState(() => crypto.randomUUID());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await checkout({ variables: { idempotencyKey: `${key}:${cart.cost?.total.amount ?? ""}`, expectedTotal: cart.cost?.total.amount ?? null } });
    const payload = result.data?.checkout;
    if (!payload) return setProblems([{ code: "REQUEST_FAILED", message: result.error?.message ?? "The shop did not answer." }]);
    if (payload.userErrors.length || !payload.order) return setProblems(payload.userErrors);
    navigate(`/orders/${encodeURIComponent(payload.order.id)}/pay`);
  };
  return (
    <section aria-labelledby="review-heading" className="step">
      <h2 id="review-heading">4. Review</h2>
      <ul>
        {cart.lines.map((line) => (
          <li key={line.id}>
            {line.product?.name ?? `Product ${line.productId}`} × {line.quantity}: <Money value={line.subtotal} />
          </li>
        ))}
        {cart.serviceLines.map((s) => (
          <li key={s.id}>
            {s.service?.title ?? s.serviceId} × {s.quantity}: <Money value={s.subtotal} />
          </li>
        ))}
      </ul>
      <CostSummary cart={cart} />
      <form onSubmit={submit}>
        <button type="submit" className="primary" disabled={loading || !cart.cost}>
          Place order
        </button>
      </form>
      <Problems errors={problems} label="The order was not placed" />
    </section>
  );
}
