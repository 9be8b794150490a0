// The operation limits as graphql validation rules and a cost function, without a server: each
// limit just under and just over, fragments counted where they are spread, and the cost of lists.
import { describe, expect, it } from "vitest";
import { buildSchema, getOperationAST, parse, validate, type ValidationRule } from "graphql";
import { aliasLimit } from "../src/limits/alias-limit.js";
import { depthLimit } from "../src/limits/depth-limit.js";
import { fieldCountLimit } from "../src/limits/field-count-limit.js";
import { DEFAULT_PAGE_SIZE, operationCost } from "../src/limits/operation-cost.js";
import { rootFieldLimit } from "../src/limits/root-field-limit.js";

const schema = buildSchema(`
  type Query {
    product(id: ID!): Product
    products(first: Int = 20, after: String): ProductConnection!
    orders(first: Int): OrderConnection!
    categories: [Category!]!
    a: Int b: Int c: Int d: Int
  }
  type Category { slug: String! name: String! products(first: Int = 5): ProductConnection! }
  type ProductConnection { totalCount: Int! edges: [ProductEdge!]! }
  type ProductEdge { cursor: String! node: Product! }
  type Product { id: ID! name: String! price: Money! category: Category }
  type Money { amount: String! currencyCode: String! }
  type OrderConnection { edges: [OrderEdge!]! }
  type OrderEdge { node: Order! }
  type Order { id: ID! number: Int! }
`);

function refusal(rule: ValidationRule, query: string) {
  const errors = validate(schema, parse(query), [rule]);
  expect(errors.length).toBeLessThanOrEqual(1);
  return errors[0] ? { message: errors[0].message, ...errors[0].extensions } : undefined;
}

const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return operationCost({ schema, document, operation: getOperationAST(document)!, variables });
};

const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: product(id: ${i}) { id }`).join(" ")} }`;

describe("depth limit", () => {
  it("accepts the limit and refuses one level more, with QUERY_TOO_DEEP", () => {
    const eightDeep = `{ product(id: 1) { category { products { edges { node { category { products { totalCount } } } } } } } }`;
    expect(refusal(depthLimit(8), eightDeep)).toBeUndefined();
    expect(refusal(depthLimit(7), eightDeep)).toMatchObject({ code: "QUERY_TOO_DEEP", limit: 7, actual: 8 });
  });

  it("follows fragments, and ignores introspection", () => {
    const query = `{ product(id: 1) { ...P } __schema { types { fields { type { ofType { name } } } } } } fragment P on Product { category { products { totalCount } } }`;
    expect(refusal(depthLimit(4), query)).toBeUndefined();
    expect(refusal(depthLimit(3), query)).toMatchObject({ code: "QUERY_TOO_DEEP", actual: 4 });
  });
});

describe("alias limit", () => {
  it("accepts the limit and refuses one alias more, with TOO_MANY_ALIASES", () => {
    expect(refusal(aliasLimit(30), aliases(30))).toBeUndefined();
    expect(refusal(aliasLimit(30), aliases(31))).toMatchObject({ code: "TOO_MANY_ALIASES", limit: 30, actual: 31 });
  });

  it("counts the aliases of a fragment each time it is spread", () => {
    const query = `{ ...F ...G } fragment F on Query { x: a y: b } fragment G on Query { ...F z: c }`;
    expect(refusal(aliasLimit(5), query)).toBeUndefined();
    expect(refusal(aliasLimit(4), query)).toMatchObject({ actual: 5 });
  });
});

describe("root field limit", () => {
  it("counts top-level fields, through fragments, without __typename", () => {
    const query = `{ a b __typename ... on Query { c } ...F } fragment F on Query { d product(id: 1) { id name } }`;
    expect(refusal(rootFieldLimit(5), query)).toBeUndefined();
    expect(refusal(rootFieldLimit(4), query)).toMatchObject({ code: "TOO_MANY_ROOT_FIELDS", limit: 4, actual: 5 });
  });
});

describe("field count limit", () => {
  it("counts every field, fragments as used", () => {
    // product, id, name, price, amount = 5 per spread; 3 spreads.
    const query = `{ x: product(id: 1) { ...P } y: product(id: 2) { ...P } z: product(id: 3) { ...P __typename } } fragment P on Product { id name price { amount } }`;
    expect(refusal(fieldCountLimit(15), query)).toBeUndefined();
    expect(refusal(fieldCountLimit(14), query)).toMatchObject({ code: "TOO_MANY_FIELDS", limit: 14, actual: 15 });
  });

  it("counts fragments that spread each other 2^40 times without expanding them", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const query = `{ ...F0 }\n${fragments}\nfragment F${levels} on Query { a }`;
    const started = Date.now();
    expect(refusal(fieldCountLimit(500), query)).toMatchObject({ code: "TOO_MANY_FIELDS", actual: 2 ** levels });
    expect(refusal(depthLimit(12), query)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("operation cost", () => {
  it("is one per field", () => {
    expect(cost(`{ product(id: 1) { id name price { amount currencyCode } } }`)).toBe(6);
  });

  it("multiplies a selection by `first`", () => {
    // 1 (products) + 100 × (edges 1 + node 1 + name 1 + price 1 + amount 1)
    expect(cost(`{ products(first: 100) { edges { node { name price { amount } } } } }`)).toBe(1 + 100 * 5);
  });

  it("takes `first` from the variables, then the variable's default", () => {
    const query = `query($n: Int = 7) { products(first: $n) { totalCount } }`;
    expect(cost(query, { n: 300 })).toBe(1 + 300);
    expect(cost(query, {})).toBe(1 + 7);
  });

  it("without `first`, assumes the schema's default, else 20", () => {
    expect(cost(`{ products { totalCount } }`)).toBe(1 + 20);
    expect(cost(`{ orders { edges { node { id } } } }`)).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    expect(cost(`{ categories { products { totalCount } } }`)).toBe(1 + (1 + 5 * 1));
  });

  it("multiplies nested lists", () => {
    // products(first: 10) > edges > node > category > products(first: 10) > totalCount
    const query = `{ products(first: 10) { edges { node { category { products(first: 10) { totalCount } } } } } }`;
    expect(cost(query)).toBe(1 + 10 * (1 + 1 + 1 + (1 + 10 * 1)));
  });

  it("follows fragments on their own type, and leaves __typename free", () => {
    const query = `{ products(first: 2) { edges { node { ...P __typename } } } } fragment P on Product { category { products(first: 3) { totalCount } } }`;
    expect(cost(query)).toBe(1 + 2 * (1 + 1 + (1 + (1 + 3 * 1))));
  });
});
