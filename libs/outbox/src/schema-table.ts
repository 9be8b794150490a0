// A table in one context's Postgres schema, as SQL names it. The schema is interpolated into SQL
// (identifiers cannot be bound parameters), so only plain lower-case names written in code are
// accepted.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export function schemaTable(schema: string, table: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`Schema ${JSON.stringify(schema)} must match ${SCHEMA_NAME}.`);
  return `"${schema}"."${table}"`;
}
