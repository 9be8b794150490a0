// Whom a per-customer limit counts against: the signed-in user, or else the cart's email
// (case-insensitive); null when the checkout knows neither.
export interface QuoteCustomer {
  userId?: string | null;
  email?: string | null;
}

export function customerKey(customer: QuoteCustomer | null | undefined): string | null {
  const userId = customer?.userId?.trim();
  if (userId) return `user:${userId}`;
  const email = customer?.email?.trim().toLowerCase();
  return email ? `email:${email}` : null;
}
