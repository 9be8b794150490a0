// References to carts, lines and service lines: the gateway sends the fields pricing requires with the key, and
// the representation is all a quote needs. Nothing is looked up, so they cost no query.
export const cartReferences = {
  Cart: { __resolveReference: (reference: unknown) => reference },
  CartLine: { __resolveReference: (reference: unknown) => reference },
  CartServiceLine: { __resolveReference: (reference: unknown) => reference },
};
