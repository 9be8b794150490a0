// One way to run a cart mutation: the payload's cart replaces the cached cart (every view updates),
// and its userErrors and warnings come back for the page to show.
import { useState } from "react";
import type { TypedDocumentNode } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import type { CartPayloadFieldsFragment } from "./gql/graphql.ts";
import type { Problem } from "./components/Messages.tsx";
import { writeCart } from "./shop.tsx";

export interface CartChangeOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
}

export function useCartChange<D extends Record<string, unknown>, V extends Record<string, unknown>>(document: TypedDocumentNode<D, V>, field: keyof D) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CartChangeOutcome | null>(null);

  async function run(variables: V): Promise<CartChangeOutcome> {
    setBusy(true);
    try {
      const result = await client.mutate({ mutation: document, variables: variables as never });
      const payload = result.data?.[field] as CartPayloadFieldsFragment | undefined;
      let next: CartChangeOutcome;
      if (!payload) {
        next = { ok: false, errors: [{ code: "REQUEST_FAILED", message: result.error?.message ?? "The shop did not answer." }], warnings: [] };
      } else {
        writeCart(client.cache, payload.cart);
        next = { ok: payload.userErrors.length === 0, errors: payload.userErrors, warnings: payload.warnings };
      }
      setOutcome(next);
      return next;
    } catch (error) {
      const next = { ok: false, errors: [{ code: "REQUEST_FAILED", message: (error as Error).message }], warnings: [] };
      setOutcome(next);
      return next;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, outcome, clear: () => setOutcome(null) };
}
