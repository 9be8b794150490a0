// A subgraph's `data`, kept as the JSON text it arrived in, for an answer the gateway hands on
// unchanged (single-fetch-answers.ts): parsing it only to serialize it again, identical, was a
// good part of the gateway's time on such queries. Apollo Server serializes the response through
// stringifyResult below, which splices the text in where the object would have been.
export class SubgraphJson {
  constructor(readonly text: string) {}
}

/** Apollo Server's serialization (JSON plus a newline), with SubgraphJson data written as it came. */
export function stringifyResult(value: { data?: unknown }): string {
  if (!(value.data instanceof SubgraphJson)) return `${JSON.stringify(value)}\n`;
  const { data, ...rest } = value;
  const others = JSON.stringify(rest);
  return `{"data":${data.text}${others === "{}" ? "}" : `,${others.slice(1)}`}\n`;
}

/**
 * The `data` of a subgraph answer that is data and nothing else (`{"data":{...}}`), as text; null
 * for anything else: errors, extensions, no data. A GraphQL response holds no other top-level
 * keys, and a real `errors` or `extensions` key always shows as that quoted name, so none slips
 * through; the same characters inside a string value (or a data key of that name) only send the
 * answer the long way round.
 */
export function dataOnly(body: string): string | null {
  const text = body.trimEnd();
  if (!text.startsWith('{"data":{') || !text.endsWith("}")) return null;
  if (text.includes('"errors"') || text.includes('"extensions"')) return null;
  return text.slice('{"data":'.length, -1);
}
