// The contract's `Date`: a calendar day, `YYYY-MM-DD`, with no time and no zone (a delivery day is
// a day where the parcel arrives, not an instant). Kept a string in TypeScript; one definition for
// every subgraph, since federation wants a scalar the same wherever it is declared.
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { isCalendarDay } from "@trolley/errors";

export { isCalendarDay };

function parseDay(value: unknown): string {
  if (typeof value !== "string" || !isCalendarDay(value)) {
    throw new GraphQLError(`Date must be a calendar day written YYYY-MM-DD, e.g. "2026-12-24"; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: 'A calendar day, "YYYY-MM-DD" (ISO 8601), with no time of day and no time zone.',
  serialize: (value) => parseDay(value),
  parseValue: (value) => parseDay(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("Date must be a string written YYYY-MM-DD.");
    return parseDay(ast.value);
  },
});
