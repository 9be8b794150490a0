export * from "./calendar-day.js";
export * from "./codes.js";
export * from "./domain-error.js";
export * from "./graphql-errors.js";
export * from "./text-arguments.js";
