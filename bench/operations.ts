// The operations the bench sends, and what a correct answer to each looks like. A response with
// top-level `errors` is a GraphQL error; a mutation answering `userErrors` is a refused request;
// an answer with the wrong shape (a cart without its 20 lines, a page short of products) is invalid.
// Any of the three counts as an error in the report, next to HTTP and socket failures.

export const CART_QUERY = `{ cart { id totalQuantity lines { quantity product { name price { amount currencyCode } } subtotal { amount } } cost { subtotal { amount } total { amount } } } }`;

/** Query 1 without the quote: the lines with their products' names and prices, what the cart and the catalog answer alone. */
export const PLAIN_CART_QUERY = `{ cart { id totalQuantity lines { quantity product { name price { amount currencyCode } } } } }`;

export const PRODUCTS_QUERY = `{ products(first: 24) { edges { node { id name price { amount currencyCode } availableQuantity inStock } } } }`;

export const ADD_TO_CART = `mutation AddToCart($productId: ID!) { addToCart(productId: $productId, quantity: 1) { cart { id totalQuantity } userErrors { code message } } }`;

/** The seeded collect-in-store option (0.00 for any US cart): checkout needs a shipping selection. */
export const PICKUP_OPTION = "us-pickup";

export const SELECT_SHIPPING = `mutation SelectShipping($optionId: ID!) { selectShipping(optionId: $optionId) { cart { id } userErrors { code message } } }`;

export const selectedShipping: DataCheck = (data) => (data?.selectShipping?.cart?.id ? null : "selectShipping answered no cart");

export const CHECKOUT = `mutation Checkout($key: String!) { checkout(idempotencyKey: $key) { order { id number status total { amount } } userErrors { code message } } }`;

export type ProblemKind = "graphql" | "userErrors" | "invalid";
export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** Checks a response's `data`; returns what is wrong with it, or null. */
export type DataCheck = (data: any) => string | null;

/** The cart's own shape: all its lines, each with its product's name and price, and the quantities adding up. */
export function plainCart(lines: number): DataCheck {
  return (data) => {
    const cart = data?.cart;
    if (!cart) return "no cart";
    if (!Array.isArray(cart.lines) || cart.lines.length !== lines) return `cart has ${cart.lines?.length} lines, expected ${lines}`;
    let quantity = 0;
    for (const line of cart.lines) {
      if (typeof line.product?.name !== "string" || typeof line.product.price?.amount !== "string") return "a line has no product name or price";
      quantity += line.quantity;
    }
    if (cart.totalQuantity !== quantity) return `totalQuantity ${cart.totalQuantity} is not the lines' ${quantity}`;
    return null;
  };
}

/** The plain cart's shape, and the quote: every line's subtotal and the cart's cost. */
export function fullCart(lines: number): DataCheck {
  const plain = plainCart(lines);
  return (data) => {
    const wrong = plain(data);
    if (wrong) return wrong;
    const cart = data.cart;
    for (const line of cart.lines) if (typeof line.subtotal?.amount !== "string") return "a line has no subtotal";
    if (typeof cart.cost?.total?.amount !== "string") return "cart has no cost";
    return null;
  };
}

export const productPage: DataCheck = (data) => {
  const edges = data?.products?.edges;
  if (!Array.isArray(edges) || edges.length !== 24) return `products page has ${edges?.length} edges, expected 24`;
  for (const { node } of edges) {
    if (typeof node?.name !== "string" || typeof node.price?.amount !== "string" || typeof node.inStock !== "boolean") return "a product lacks name, price or inStock";
  }
  return null;
};

export const addedToCart: DataCheck = (data) => (data?.addToCart?.cart?.id ? null : "addToCart answered no cart");

export const checkedOut: DataCheck = (data) => {
  const order = data?.checkout?.order;
  if (!order) return "checkout answered no order";
  return order.status === "PENDING_PAYMENT" ? null : `order status ${order.status}`;
};

/** The first userError of a mutation payload, if any (payloads are the root fields of `data`). */
function userErrorOf(data: any): string | null {
  if (!data || typeof data !== "object") return null;
  for (const payload of Object.values(data)) {
    const errors = (payload as { userErrors?: { code: string; message: string }[] } | null)?.userErrors;
    if (Array.isArray(errors) && errors.length > 0) return `${errors[0].code}: ${errors[0].message}`;
  }
  return null;
}

export function judge(response: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }, check: DataCheck): Problem | null {
  if (response.errors?.length) {
    const first = response.errors[0];
    return { kind: "graphql", message: `${first.extensions?.code ?? "ERROR"}: ${first.message}` };
  }
  const refused = userErrorOf(response.data);
  if (refused) return { kind: "userErrors", message: refused };
  const wrong = check(response.data);
  return wrong ? { kind: "invalid", message: wrong } : null;
}

/** Cheap enough for every response: a body that mentions `"errors"` at all is parsed and judged. */
export function judgeBody(body: string, check: DataCheck, fully: boolean): Problem | null {
  if (!fully && !body.includes('"errors"') && !body.includes('"userErrors":[{')) return null;
  try {
    return judge(JSON.parse(body), check);
  } catch {
    return { kind: "invalid", message: `not JSON: ${body.slice(0, 120)}` };
  }
}
