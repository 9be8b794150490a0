// Getting a cart ready for checkout the way a shopper does: every order needs a shipping selection,
// and a guest's an email. Tests about something else select "Collect in store" (the seeded option
// that costs nothing and serves any US cart), so their totals are the goods' alone, and leave the
// address unset (tax stays the shop's default place's estimate).
import { expect } from "vitest";
import { graphql } from "@trolley/testing";
import type { Stack } from "./stack.js";

/** The seeded collect-in-store option: 0.00 for any US cart. */
export const PICKUP_OPTION = "us-pickup";

const SELECT = `mutation($o: ID!) { selectShipping(optionId: $o) { userErrors { code message } } }`;
const EMAIL = `mutation($e: String!) { setCartEmail(email: $e) { userErrors { code message } } }`;

type Send = (query: string, variables: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;

async function ready(send: Send, options: { email?: string }) {
  if (options.email) {
    const emailed = await send(EMAIL, { e: options.email });
    expect(emailed.errors).toBeUndefined();
    expect(emailed.data.setCartEmail.userErrors).toEqual([]);
  }
  const selected = await send(SELECT, { o: PICKUP_OPTION });
  expect(selected.errors).toBeUndefined();
  expect(selected.data.selectShipping.userErrors).toEqual([]);
}

/** Selects collect-in-store for the caller's cart (it must have lines), and sets the email if given (guests need one). */
export function readyToCheckOut(stack: Pick<Stack, "query">, token: string, options: { email?: string } = {}): Promise<void> {
  return ready((query, variables) => stack.query(query, variables, token), options);
}

/** The same, through a gateway at `url` (a stack of a test's own making). */
export function readyToCheckOutAt(url: string, token: string, options: { email?: string } = {}): Promise<void> {
  return ready((query, variables) => graphql(url, query, { variables, token }), options);
}
