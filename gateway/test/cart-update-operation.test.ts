// How a cartUpdated subscription becomes the query each push runs, and how that query's answer
// goes back into the subscription's shape.
import { parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { cartUpdatePlan, KEYS_ALIAS } from "../src/live-cart/cart-update-operation.js";

const plan = (query: string, variables?: Record<string, unknown>, operationName?: string) => cartUpdatePlan(parse(query), operationName, variables);
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("the query of a push", () => {
  it("selects the cart as the subscription does, and which cart and products it is", () => {
    const { query } = plan("subscription { cartUpdated { cause cart { id lines { quantity } } } }");
    expect(squash(print(query))).toBe(`{ cart { id lines { quantity } } ${KEYS_ALIAS}: cart { id lines { productId } } }`);
  });

  it("keeps the operation's name, the variables and fragments the cart uses, and only those", () => {
    const { query, operationName } = plan(
      `subscription Live($n: Int, $unused: String, $show: Boolean!) { cartUpdated { cause @include(if: $show) ...U } }
       fragment U on CartUpdate { c: cart { ...L } }
       fragment L on Cart { lines(first: $n) { id } }
       fragment Unused on Cart { id }`,
      { show: true },
      "Live",
    );
    expect(operationName).toBe("Live");
    expect(squash(print(query))).toBe(
      `query Live($n: Int) { c: cart { ...L } ${KEYS_ALIAS}: cart { id lines { productId } } } fragment L on Cart { lines(first: $n) { id } }`,
    );
  });

  it("applies @skip and @include on the way to the cart, as execution would", () => {
    const skipped = plan("subscription($s: Boolean!) { cartUpdated { cause cart @skip(if: $s) { id } } }", { s: true });
    expect(squash(print(skipped.query))).toBe(`{ ${KEYS_ALIAS}: cart { id lines { productId } } }`);
  });

  it("refuses anything but a subscription to cartUpdated", () => {
    expect(() => plan("query { cart { id } }")).toThrow(/subscription/);
  });
});

describe("the push", () => {
  const answer = (cart: unknown, errors?: unknown[]) => ({ data: { c: cart, [KEYS_ALIAS]: { id: "cart-1", lines: [{ productId: "p1" }, { productId: "p2" }] } }, ...(errors ? { errors } : {}) }) as never;

  it("is the answer under the subscription's own keys, with the cause, and says what to watch", () => {
    const { assemble } = plan("subscription { update: cartUpdated { why: cause kind: __typename c: cart { id } } }");
    const { result, watched } = assemble("ITEM_ADDED", answer({ id: "cart-1" }));
    expect(result).toEqual({ data: { update: { why: "ITEM_ADDED", kind: "CartUpdate", c: { id: "cart-1" } } } });
    expect(watched).toEqual({ cartId: "cart-1", productIds: ["p1", "p2"] });
  });

  it("keeps the query's errors, their paths under the subscription's field", () => {
    const { assemble } = plan("subscription { cartUpdated { c: cart { lines { product { name } } } } }");
    const { result } = assemble("ITEM_ADDED", answer({ lines: [{ product: null }] }, [{ message: "catalog unavailable", path: ["c", "lines", 0, "product"], extensions: { code: "SERVICE_UNAVAILABLE" } }]));
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      data: { cartUpdated: { c: { lines: [{ product: null }] } } },
      errors: [{ message: "catalog unavailable", path: ["cartUpdated", "c", "lines", 0, "product"], extensions: { code: "SERVICE_UNAVAILABLE" } }],
    });
  });

  it("is no data, with the errors, when there is no cart to give (the field is non-null)", () => {
    const { assemble } = plan("subscription { cartUpdated { cause cart { id } } }");
    const { result } = assemble("ITEM_ADDED", { data: null, errors: [{ message: "cart unavailable", path: ["cart"] }] } as never);
    expect(JSON.parse(JSON.stringify(result))).toEqual({ data: null, errors: [{ message: "cart unavailable", path: ["cartUpdated", "cart"] }] });
  });
});
