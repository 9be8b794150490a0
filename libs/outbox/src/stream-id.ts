// Redis stream entry ids (`<milliseconds>-<sequence>`), compared the way Redis orders them. As
// text they do not sort ("9-0" > "10-0"), and as one number they overflow a double.
const STREAM_ID = /^(\d+)-(\d+)$/;

export function isStreamId(text: string): boolean {
  return STREAM_ID.test(text);
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

function parts(id: string): [bigint, bigint] {
  const match = STREAM_ID.exec(id);
  if (!match) throw new TypeError(`${JSON.stringify(id)} is not a stream entry id.`);
  return [BigInt(match[1]), BigInt(match[2])];
}

/**
 * SQL ordering a TEXT column of stream ids as Redis orders them; the column name is code, never
 * input.
 */
export const streamIdOrder = (column: string, direction: "ASC" | "DESC") =>
  `split_part(${column}, '-', 1)::bigint ${direction}, split_part(${column}, '-', 2)::bigint ${direction}`;
