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
const SELECTION = "shippingSelection { optionId deliveryDate addOnIds }";
const SERVICE_LINES = "serviceLines { id lineId quantity service { __typename id } }";
const CART_FETCH =
  `{ cart { __typename id totalQuantity lines { __typename id quantity product { __typename id } cart { id discountCodeEntries lines { id } ${ADDRESS} } } ` +
  `discountCodeEntries shippingAddress { countryCode provinceCode postalCode } ${SERVICE_LINES} ${SELECTION} } }`;
const PLAIN_CART_FETCH = `{ cart { __typename id totalQuantity lines { quantity product { __typename id } } } }`;
const PLAIN_PRODUCT_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name price { amount currencyCode } } } }`;
const PRODUCT_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name ${PRICED_PRODUCT} weightGrams } } }`;
const SERVICE_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ServiceOffer { price { amount currencyCode } } } }`;
const SELECTED_SHIPPING_FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cart { selectedShipping { price { amount currencyCode } } } } }`;
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
type Money = { amount: string; currencyCode: string };

interface ServiceLineRow {
  id: string;
  lineId: string | null;
  quantity: number;
  service: { id: string };
}

interface CartRow {
  id: string;
  totalQuantity: number;
  discountCodeEntries: string[];
  shippingAddress: (NonNullable<ShippingPlace> & { postalCode: string }) | null;
  lines: CartLineRow[];
  serviceLines: ServiceLineRow[];
  shippingSelection: { optionId: string; deliveryDate: string | null; addOnIds: string[] } | null;
}

interface PricedProduct {
  name?: string;
  price: Money;
  taxCategory: string;
  category: { id: string } | null;
  weightGrams: number;
}

const failed = (...responses: SubgraphResponse[]) => responses.find((r) => r.status < 200 || r.status >= 300 || r.body.errors?.length);

const place = (address: CartRow["shippingAddress"]): ShippingPlace => address && { countryCode: address.countryCode, provinceCode: address.provinceCode };

/** A cart's representation for shipping's selection: the stored selection, its lines' weights and prices, and where it goes. */
function shippingCart(cart: CartRow, products: PricedProduct[]) {
  return {
    __typename: "Cart",
    id: cart.id,
    shippingSelection: cart.shippingSelection,
    lines: cart.lines.map((line, i) => ({ quantity: line.quantity, product: { id: line.product.id, weightGrams: products[i].weightGrams, price: products[i].price } })),
    shippingAddress: cart.shippingAddress,
  };
}

/** A cart's representation for pricing: its codes, its lines and services with the catalog's prices, and the selected shipping's price. */
function pricedCart(cart: CartRow, products: PricedProduct[], services: { price: Money }[], selectedShipping: { price: Money } | null) {
  return {
    __typename: "Cart",
    id: cart.id,
    discountCodeEntries: cart.discountCodeEntries,
    shippingAddress: place(cart.shippingAddress),
    lines: cart.lines.map((line, i) => {
      const { price, taxCategory, category } = products[i];
      return { id: line.id, quantity: line.quantity, product: { id: line.product.id, price, taxCategory, category } };
    }),
    serviceLines: cart.serviceLines.map((serviceLine, i) => ({ id: serviceLine.id, lineId: serviceLine.lineId, quantity: serviceLine.quantity, service: { price: services[i].price } })),
    selectedShipping,
  };
}

/** A line's representation for pricing: its product's prices and, of its cart, what the cart answers. */
function pricedLine(line: CartLineRow, product: PricedProduct) {
  const { price, taxCategory, category } = product;
  return { __typename: "CartLine", id: line.id, quantity: line.quantity, product: { id: line.product.id, price, taxCategory, category }, cart: line.cart };
}

/**
 * Query 1: the cart with its lines (and, per line, its cart's codes and line ids, for pricing), its
 * service lines and its stored shipping selection; then, in parallel, the lines' products (and
 * after them, in parallel, pricing's line subtotals and shipping's selection priced) and the
 * services' prices; then pricing's cart cost.
 */
export function cartPlan(urls: SubgraphUrls, identities: Identities, users: number, lines: number): DirectPlan {
  return {
    check: fullCart(lines),
    async execute(post: Post, iteration: number) {
      const headers = { "x-trolley-identity": identities.identityHeader(iteration % users) };
      const cartResponse = await post(urls.cart, { query: CART_FETCH }, headers);
      if (failed(cartResponse)) return cartResponse;
      const cart = cartResponse.body.data.cart as CartRow;
      const productReferences = cart.lines.map((l) => ({ __typename: "Product", id: l.product.id }));
      const serviceReferences = cart.serviceLines.map((s) => ({ __typename: "ServiceOffer", id: s.service.id }));
      const productsAndAfter = async () => {
        const products = await post(urls.catalog, { query: PRODUCT_FETCH, variables: { representations: productReferences } }, headers);
        if (failed(products)) return { failure: products };
        const priced: PricedProduct[] = products.body.data._entities;
        const lineRepresentations = cart.lines.map((line, i) => pricedLine(line, priced[i]));
        const [subtotals, selection] = await Promise.all([
          post(urls.pricing, { query: SUBTOTAL_FETCH, variables: { representations: lineRepresentations } }, headers),
          post(urls.shipping, { query: SELECTED_SHIPPING_FETCH, variables: { representations: [shippingCart(cart, priced)] } }, headers),
        ]);
        return { failure: failed(subtotals, selection), priced, subtotals, selection };
      };
      // The gateway sends no fetch for a list with nothing in it.
      const servicePrices = async () =>
        serviceReferences.length === 0 ? null : post(urls.catalog, { query: SERVICE_FETCH, variables: { representations: serviceReferences } }, headers);
      const [after, services] = await Promise.all([productsAndAfter(), servicePrices()]);
      if (after.failure) return after.failure;
      if (services && failed(services)) return services;
      const { priced, subtotals, selection } = after as Required<typeof after>;
      const cartRepresentation = pricedCart(cart, priced, services?.body.data._entities ?? [], selection.body.data._entities[0].selectedShipping);
      const cost = await post(urls.pricing, { query: COST_FETCH, variables: { representations: [cartRepresentation] } }, headers);
      if (failed(cost)) return cost;
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
