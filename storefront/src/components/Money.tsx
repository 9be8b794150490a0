import type { MoneyFieldsFragment } from "../gql/graphql.ts";

const formatters = new Map<string, Intl.NumberFormat>();

/** Money as the API sends it (a decimal string), shown in the shop's locale; never a float sum. */
export function formatMoney(money: MoneyFieldsFragment | null | undefined): string {
  if (!money) return "—";
  let format = formatters.get(money.currencyCode);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: money.currencyCode });
    formatters.set(money.currencyCode, format);
  }
  // Display only: the amount stays the server's string everywhere else.
  return format.format(Number(money.amount));
}

export function Money({ value }: { value: MoneyFieldsFragment | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}
