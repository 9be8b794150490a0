// What a DataLoader batch function must return, built from the rows one query found.

/** One result per key, in key order, null for a miss. */
export function byKey<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** One list per key, in key order, empty for a miss; rows keep their order within a list. */
export function groupedByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}
