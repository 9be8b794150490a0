// References to carts: the gateway sends the fields shipping requires with the key, and the
// representation is all the offers need. Nothing is looked up, so they cost no query.
export const cartReferences = {
  Cart: { __resolveReference: (reference: unknown) => reference },
};
