// The subgraph calls each gateway query turns into, written out by hand from the query plan
// Apollo's planner makes for the committed supergraph (the same fetches, the same selections), so
// "direct" costs the subgraphs what a gateway's requests cost them and nothing more. If the
// supergraph changes how these fields are split between subgraphs, update them here.
import { addedToCart, fullCart, plainCart, productPage, PRODUCTS_QUERY } from "./operations.js";
import type { DirectPlan, Post, SubgraphResponse } from "./direct.js";
import type { Identities } from "./identities.js";
import type { SubgraphUrls } from "./supergraph.js";

const PRICED_PRODUCT = "price { amount currencyCode } taxCategory category { id }";
const ADDRESS = "shippingAddress { countryCode provinceCode }";
const CART_FETCH = `{ cart { __typename id totalQuantity discountCodeEntries ${ADDRESS} lines { __typename id quantity product { __typename id } cart { id discountCodeEntries lines { id } ${ADDRESS} } } } }`;
const PLAIN_CART_FETCH = `{ cart { __typename id totalQuantity lines { quantity product { __typename id } } } }`;
const PLAIN_PRODUCT_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name price { amount currencyCode } } } }`;
const PRODUCT_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name ${PRICED_PRODUCT} } } }`;
const COST_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cart { cost { subtotal { amount } total { amount } } } } }`;
const SUBTOTAL_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on CartLine { subtotal { amount } } } }`;
const ADD_TO_CART_FETCH = `mutation($productId: ID!) { addToCart(productId: $productId, quantity: 1) { cart { id totalQuantity } userErrors { code message } } }`;

interface CartLineRow {
  id: string;
  quantity: number;
  product: { id: string };
  cart: { id: string; discountCodeEntries: string[]; lines: { id: string }[]; shippingAddress: ShippingPlace };
}

type ShippingPlace = { countryCode: string; provinceCode: string | null } | null;

interface PricedProduct {
  name?: string;
  price: { amount: string; currencyCode: string };
  taxCategory: string;
  category: { id: string } | null;
}

const failed = (...responses: SubgraphResponse[]) => responses.find((r) => r.status < 200 || r.status >= 300 || r.body.errors?.length);

/** A cart's representation for pricing: its codes and its lines with the catalog's prices. */
function pricedCart(cart: { id: string; discountCodeEntries: string[]; shippingAddress: ShippingPlace; lines: CartLineRow[] }, products: PricedProduct[]) {
  return {
    id: cart.id,
    discountCodeEntries: cart.discountCodeEntries,
    shippingAddress: cart.shippingAddress,
    lines: cart.lines.map((line, i) => {
      const { price, taxCategory, category } = products[i];
      return { id: line.id, quantity: line.quantity, product: { id: line.product.id, price, taxCategory, category } };
    }),
  };
}

/** A line's representation for pricing: its product's prices and, of its cart, what the cart answers. */
function pricedLine(line: CartLineRow, product: PricedProduct) {
  const { price, taxCategory, category } = product;
  return { __typename: "CartLine", id: line.id, quantity: line.quantity, product: { id: line.product.id, price, taxCategory, category }, cart: line.cart };
}

/**
 * Query 1: the cart with its lines (and, per line, its cart's codes and line ids, for pricing),
 * then the lines' products, then in parallel pricing's cart cost and its line subtotals.
 */
export function cartPlan(urls: SubgraphUrls, identities: Identities, users: number, lines: number): DirectPlan {
  return {
    check: fullCart(lines),
    async execute(post: Post, iteration: number) {
      const headers = { "x-trolley-identity": identities.identityHeader(iteration % users) };
      const cartResponse = await post(urls.cart, { query: CART_FETCH }, headers);
      if (failed(cartResponse)) return cartResponse;
      const cart = cartResponse.body.data.cart as { id: string; totalQuantity: number; discountCodeEntries: string[]; shippingAddress: ShippingPlace; lines: CartLineRow[] };
      const productReferences = cart.lines.map((l) => ({ __typename: "Product", id: l.product.id }));
      const products = await post(urls.catalog, { query: PRODUCT_FETCH, variables: { representations: productReferences } }, headers);
      if (failed(products)) return products;
      const priced: PricedProduct[] = products.body.data._entities;
      const cartRepresentation = { __typename: "Cart", ...pricedCart(cart, priced) };
      const lineRepresentations = cart.lines.map((line, i) => pricedLine(line, priced[i]));
      const [cost, subtotals] = await Promise.all([
        post(urls.pricing, { query: COST_FETCH, variables: { representations: [cartRepresentation] } }, headers),
        post(urls.pricing, { query: SUBTOTAL_FETCH, variables: { representations: lineRepresentations } }, headers),
      ]);
      const failure = failed(cost, subtotals);
      if (failure) return failure;
      // Merged the way the gateway shapes its answer, so the same check applies.
      const data = {
        cart: {
          id: cart.id,
          totalQuantity: cart.totalQuantity,
          lines: cart.lines.map((line, i) => ({ quantity: line.quantity, product: priced[i], subtotal: subtotals.body.data._entities[i].subtotal })),
          cost: cost.body.data._entities[0].cost,
        },
      };
      return { status: 200, body: { data } };
    },
  };
}

/** Query 1 without the quote: the cart, then its lines' products. */
export function plainCartPlan(urls: SubgraphUrls, identities: Identities, users: number, lines: number): DirectPlan {
  return {
    check: plainCart(lines),
    async execute(post: Post, iteration: number) {
      const headers = { "x-trolley-identity": identities.identityHeader(iteration % users) };
      const cartResponse = await post(urls.cart, { query: PLAIN_CART_FETCH }, headers);
      if (failed(cartResponse)) return cartResponse;
      const cart = cartResponse.body.data.cart as { id: string; totalQuantity: number; lines: { quantity: number; product: { id: string } }[] };
      const representations = cart.lines.map((l) => ({ __typename: "Product", id: l.product.id }));
      const products = await post(urls.catalog, { query: PLAIN_PRODUCT_FETCH, variables: { representations } }, headers);
      if (failed(products)) return products;
      const data = { cart: { id: cart.id, totalQuantity: cart.totalQuantity, lines: cart.lines.map((line, i) => ({ quantity: line.quantity, product: products.body.data._entities[i] })) } };
      return { status: 200, body: { data } };
    },
  };
}

/** The product listing: one catalog fetch of the same selection. */
export function productsPlan(urls: SubgraphUrls): DirectPlan {
  return {
    check: productPage,
    execute: (post) => post(urls.catalog, { query: PRODUCTS_QUERY }),
  };
}

/** addToCart: one cart fetch, for the same spread of users and products as through the gateway. */
export function addToCartPlan(urls: SubgraphUrls, identities: Identities, spread: { next(): { user: number; productId: string }; added(user: number): void }): DirectPlan {
  return {
    check: addedToCart,
    async execute(post) {
      const { user, productId } = spread.next();
      const response = await post(urls.cart, { query: ADD_TO_CART_FETCH, variables: { productId } }, { "x-trolley-identity": identities.identityHeader(user) });
      if (!failed(response) && response.body.data?.addToCart?.userErrors?.length === 0) spread.added(user);
      return response;
    },
  };
}
