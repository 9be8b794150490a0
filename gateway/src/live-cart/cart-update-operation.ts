// A cartUpdated subscription as the gateway runs it: each push is a query of the caller's cart
// with the subscriber's own selection, planned and executed by the gateway like any query, so every
// federated field (names, prices, the quote) comes out exactly as a query would give it.
//
// `subscription S($n: Int) { update: cartUpdated { cause c: cart { lines(first: $n) { id } } } }`
// becomes `query S($n: Int) { c: cart { lines(first: $n) { id } } liveCartKeys: cart { id lines { productId } } }`
// (with the fragments and variables the cart's selection uses), and its answer is put back into
// the subscription's shape: `{ update: { cause, c: <the query's c> } }`. The extra root field
// tells the gateway which cart and products this subscriber is watching (the pub/sub channels it
// listens on); it costs nothing beyond the cart subgraph's fetch, which the plan makes anyway.
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** The alias of the extra root field: which cart, and which products, the subscriber is watching. */
export const KEYS_ALIAS = "liveCartKeys";

/** What the gateway learns from each answer: the cart's id (its channel) and its products (theirs). */
export interface WatchedCart {
  cartId: string;
  productIds: string[];
}

type CartUpdateField = { kind: "typename" | "cause"; key: string } | { kind: "cart"; key: string };

export interface CartUpdatePlan {
  /** The query each push runs. */
  query: DocumentNode;
  operationName: string | undefined;
  /** The subscription's variables, which the query declares as far as the cart's selection uses them. */
  variables: Variables;
  /** Puts a query answer into the subscription's shape, with the push's cause. */
  assemble(cause: string, answer: ExecutionResult): { result: ExecutionResult; watched: WatchedCart | null };
}

export type Variables = Record<string, unknown> | null | undefined;

function literal(value: ValueNode, variables: Variables): unknown {
  if (value.kind === Kind.VARIABLE) return variables?.[value.name.value];
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/** @skip and @include, as execution would apply them. */
function included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, variables: Variables): boolean {
  for (const directive of node.directives ?? []) {
    const condition = directive.arguments?.find((a) => a.name.value === "if");
    if (!condition) continue;
    const value = literal(condition.value, variables);
    if (directive.name.value === "skip" && value === true) return false;
    if (directive.name.value === "include" && value !== true) return false;
  }
  return true;
}

/** The fields of a selection set in response order, through inline fragments and fragment spreads. */
function collectFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, variables: Variables, into: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  for (const selection of set.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectFields(selection.selectionSet, fragments, variables, into, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) collectFields(fragment.selectionSet, fragments, variables, into, seen);
    }
  }
  return into;
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** Fragment names a node spreads, and those they spread in turn. */
function spreadFragments(nodes: readonly FieldNode[], fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: FieldNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  nodes.forEach(walk);
  return [...found.values()];
}

function usedVariables(nodes: readonly (FieldNode | FragmentDefinitionNode)[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}

const field = (name: string, alias: string | undefined, selections: readonly FieldNode[]): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
  ...(selections.length ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

const KEYS_FIELD = field("cart", KEYS_ALIAS, [field("id", undefined, []), field("lines", undefined, [field("productId", undefined, [])])]);

function watchedOf(keys: unknown): WatchedCart | null {
  const cart = keys as { id?: unknown; lines?: { productId?: unknown }[] } | null | undefined;
  if (!cart || typeof cart.id !== "string") return null;
  return { cartId: cart.id, productIds: (cart.lines ?? []).map((l) => l.productId).filter((id): id is string => typeof id === "string") };
}

/**
 * The plan of a validated subscription document (validation has made sure its one root field is
 * `cartUpdated`). `variables` decide @skip/@include on the way down to the cart.
 */
export function cartUpdatePlan(document: DocumentNode, operationName: string | null | undefined, variables: Variables): CartUpdatePlan {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) throw new GraphQLError("The operation must be a subscription to cartUpdated.");
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const roots = collectFields(operation.selectionSet, fragments, variables);
  if (roots.length !== 1 || roots[0].name.value !== "cartUpdated" || !roots[0].selectionSet) throw new GraphQLError("The subscription must select cartUpdated, and only it.");
  const root = roots[0];
  const rootKey = responseKey(root);

  const shape: CartUpdateField[] = [];
  const cartFields: FieldNode[] = [];
  for (const selected of collectFields(root.selectionSet!, fragments, variables)) {
    const key = responseKey(selected);
    const name = selected.name.value;
    if (name === "cart") {
      // Two selections under one response key merge in the query exactly as they would here.
      cartFields.push({ ...selected, directives: [] });
      if (!shape.some((s) => s.key === key)) shape.push({ kind: "cart", key });
    } else if ((name === "cause" || name === "__typename") && !shape.some((s) => s.key === key)) {
      shape.push({ kind: name === "cause" ? "cause" : "typename", key });
    }
  }

  const usedFragments = spreadFragments(cartFields, fragments);
  const used = usedVariables([...cartFields, ...usedFragments]);
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: operation.name,
        variableDefinitions: (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
        directives: [],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [...cartFields, KEYS_FIELD] },
      } satisfies OperationDefinitionNode,
      ...usedFragments,
    ],
  };

  return {
    query,
    operationName: operation.name?.value,
    variables,
    assemble(cause, answer) {
      const data = answer.data as Record<string, unknown> | null | undefined;
      const watched = watchedOf(data?.[KEYS_ALIAS]);
      // The query's errors point at its own root fields; here they sit under the subscription's.
      // Their locations are in the query's text, not the subscriber's, so they are left out.
      const errors = (answer.errors as readonly GraphQLFormattedError[] | undefined)
        ?.filter((e) => e.path?.[0] !== KEYS_ALIAS)
        .map((e) => new GraphQLError(e.message, { path: e.path ? [rootKey, ...e.path] : undefined, extensions: e.extensions }));
      const missingCart = shape.some((s) => s.kind === "cart" && (data?.[s.key] ?? null) === null);
      // cartUpdated and its cart are both non-null: without a cart there is no update to give.
      if (!data || missingCart) return { result: { data: null, errors: errors?.length ? errors : [new GraphQLError("The cart could not be read.")] }, watched };
      const update: Record<string, unknown> = {};
      for (const s of shape) update[s.key] = s.kind === "cause" ? cause : s.kind === "typename" ? "CartUpdate" : data[s.key];
      return { result: { data: { [rootKey]: update }, ...(errors?.length ? { errors } : {}) }, watched };
    },
  };
}
