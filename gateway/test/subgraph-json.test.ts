// A subgraph's data handed on as text: taken only from an answer of data alone, and written back
// exactly where Apollo Server would have written the object.
import { describe, expect, it } from "vitest";
import { dataOnly, stringifyResult, SubgraphJson } from "../src/single-fetch/subgraph-json.js";

describe("subgraph data as text", () => {
  it("is taken from an answer of data alone", () => {
    expect(dataOnly('{"data":{"products":{"totalCount":3}}}\n')).toBe('{"products":{"totalCount":3}}');
    // Quotes inside a string are escaped, so these characters are no key...
    expect(dataOnly('{"data":{"a":"say \\"errors\\" twice"}}')).toBe('{"a":"say \\"errors\\" twice"}');
    // ...and where they still look like one, the answer merely goes the gateway's way.
    expect(dataOnly('{"data":{"a":"x\\"errors"}}')).toBeNull();
  });

  it("is never taken from an answer with errors, extensions or no data", () => {
    expect(dataOnly('{"errors":[{"message":"x"}],"data":{"a":null}}')).toBeNull();
    expect(dataOnly('{"data":{"a":null},"errors":[{"message":"x"}]}')).toBeNull();
    expect(dataOnly('{"data":{"a":1},"extensions":{"cost":1}}')).toBeNull();
    expect(dataOnly('{"data":null}')).toBeNull();
    expect(dataOnly("not json")).toBeNull();
  });

  it("is written back where the object would have been, the rest of the result as JSON.stringify writes it", () => {
    const data = { products: { edges: [{ node: { id: "1", name: "Ünïcode ☕" } }] } };
    const text = JSON.stringify(data);
    expect(stringifyResult({ data: new SubgraphJson(text) })).toBe(`${JSON.stringify({ data })}\n`);
    expect(stringifyResult({ data: new SubgraphJson(text), extensions: { a: 1 } } as never)).toBe(`${JSON.stringify({ data, extensions: { a: 1 } })}\n`);
    expect(stringifyResult({ data, errors: [{ message: "x" }] } as never)).toBe(`${JSON.stringify({ data, errors: [{ message: "x" }] })}\n`);
  });
});
