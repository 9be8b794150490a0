// The registry of stable error codes clients may branch on. A code, once published, keeps its
// meaning; add new ones here with a one-line description rather than inventing them in place.

/** Expected domain failures, returned as `userErrors` in mutation payloads. */
export const userErrorCodes = {
  INVALID_QUANTITY: "The quantity is outside what the operation accepts (1-999 per line; 0 only when updating).",
  CART_LIMIT_EXCEEDED: "The cart would hold more than 100 lines.",
  CART_NOT_ACTIVE: "The cart was merged or checked out and can no longer change.",
  CART_EMPTY: "Checkout was asked for an empty cart.",
  LINE_NOT_FOUND: "The cart has no line for that product.",
  PRODUCT_NOT_FOUND: "No product has that id.",
  PRODUCT_UNAVAILABLE: "The product is discontinued and can no longer be bought.",
  OUT_OF_STOCK: "The requested quantity exceeds the product's available stock.",
  CATALOG_UNAVAILABLE: "The catalog could not be reached; nothing changed. Retry later.",
  GUEST_TOKEN_INVALID: "The guest token is not a valid, unexpired guest token of this shop.",
  CART_ALREADY_MERGED: "The guest cart was already merged into a user's cart.",
  MERGE_QUANTITY_CAPPED: "Warning: a merged line was capped by stock or the per-line limit; the rest of the merge happened.",
  MERGE_LINE_SKIPPED: "Warning: a guest line could not be merged (product gone, discontinued, out of stock, or the cart is full).",
  CART_UNAVAILABLE: "The cart could not be read, so checkout did not start. Retry later.",
  CART_CHANGED: "Checkout was given an expectedTotal and the cart's quote now totals differently (a price, promotion or tax changed); nothing was reserved or placed.",
  PRICING_UNAVAILABLE: "The pricing service could not be reached; nothing changed. Retry later.",
  DISCOUNT_CODE_USED_UP: "The discount code has reached its usage limit (in all, or for this customer).",
  CHECKOUT_IN_PROGRESS: "A checkout with this idempotency key is still running; retry with the same key.",
  ORDER_NOT_CANCELLABLE: "Only an unpaid order (PENDING_PAYMENT) can be cancelled.",
  ORDER_NOT_FULFILLABLE: "Only a paid order (PAID) can be fulfilled.",
  ORDER_NOT_FOUND: "No order with that id is visible to the caller.",
  ORDER_NOT_PAYABLE: "The order is not awaiting payment.",
  CARD_DECLINED: "The card was declined by the issuer.",
  INSUFFICIENT_FUNDS: "The card has insufficient funds.",
  INVALID_PAYMENT_METHOD: "The payment method token is not one the payment provider accepts; nothing was charged.",
  PAYMENT_FAILED: "The payment provider refused the charge for another reason; try another payment method.",
  PAYMENT_CANCELED: "The charge was voided before it completed (e.g. 3-D Secure was never completed); nothing was taken. Shown as a payment's failureCode; its user error is PAYMENT_FAILED.",
  ORDER_UNAVAILABLE: "The order service could not be reached; nothing changed. Retry later.",
  PAYMENT_UNAVAILABLE: "The payment service could not be reached to confirm an order's payments; nothing changed. Retry later.",
  PAYMENT_NOT_FOUND: "No payment has that id.",
  PAYMENT_NOT_REFUNDABLE: "Only a succeeded payment can be refunded.",
  IDEMPOTENCY_KEY_REUSED: "The idempotency key was already used with different parameters.",
  CURRENCY_MISMATCH: "The cart's products are priced in more than one currency; an order has exactly one. Nothing was reserved.",
  INVALID_ARGUMENT: "An argument is malformed (empty, too long, or of the wrong form).",
  DEAD_LETTER_NOT_FOUND: "No dead letter has that id (it may have been replayed already); nothing was replayed.",
} as const;

/** Top-level GraphQL errors (`errors[].extensions.code`). */
export const requestErrorCodes = {
  UNAUTHENTICATED: "No valid token was sent, or the operation needs a signed-in user.",
  FORBIDDEN: "The caller is authenticated but may not do this.",
  BAD_USER_INPUT: "An argument failed validation.",
  GRAPHQL_VALIDATION_FAILED: "The operation does not match the schema.",
  SERVICE_UNAVAILABLE: "A service this field depends on could not be reached.",
  INTERNAL_SERVER_ERROR: "Something unexpected failed; details are in the server log under the request id.",
  QUERY_TOO_LARGE: "The query text is longer than the gateway accepts; `extensions` has the limit and the actual length.",
  QUERY_TOO_DEEP: "The operation is nested deeper than the gateway accepts; `extensions` has the limit and the actual depth.",
  TOO_MANY_ALIASES: "The operation uses more aliases than the gateway accepts; `extensions` has the limit and the actual count.",
  TOO_MANY_ROOT_FIELDS: "The operation selects more top-level fields than the gateway accepts; `extensions` has the limit and the actual count.",
  TOO_MANY_FIELDS: "The operation selects more fields (fragments counted where spread) than the gateway accepts; `extensions` has the limit and the actual count.",
  QUERY_TOO_COSTLY: "The operation's estimated cost (fields, multiplied by `first` for lists) is over the limit; `extensions` has the limit and the actual cost.",
  RATE_LIMITED: "The caller sent too many requests (HTTP 429); retry after `extensions.retryAfterSeconds` (also the Retry-After header).",
  PERSISTED_QUERY_NOT_IN_SAFELIST: "The gateway runs only registered operations, and this query text or id is not one of them.",
  TOO_MANY_GUEST_SESSIONS: "The operation selects `startGuestSession` more than once; one request starts at most one guest session (HTTP 400).",
  GUEST_SESSIONS_RATE_LIMITED: "The client's address started too many guest sessions (HTTP 429); retry after `extensions.retryAfterSeconds` (also the Retry-After header).",
  GUEST_SESSIONS_DISABLED: "This shop has no guest sessions (GUEST_CARTS=off): sign in to use the cart.",
} as const;

export type UserErrorCode = keyof typeof userErrorCodes;
export type RequestErrorCode = keyof typeof requestErrorCodes;
