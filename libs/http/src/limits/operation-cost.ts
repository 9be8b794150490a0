// What an operation would cost to answer, estimated before it runs: every field costs 1, and a
// field with a `first` argument returns up to `first` items, so its selection costs `first` times
// over. `products(first: 100) { edges { node { name } } }` costs 1 + 100 × 3 = 301. Variables are
// known here, so `first: $n` counts with the value sent.
import {
  getNamedType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type DocumentNode,
  type SelectionSetNode,
} from "graphql";
import { fragmentsOf, isTypename } from "./field-tally.js";

/** The page size assumed when a field takes `first`, the query omits it and the schema has no default. */
export const DEFAULT_PAGE_SIZE = 20;

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Record<string, unknown>;
}

export function operationCost({ schema, document, operation, variables = {} }: CostInput): number {
  const fragments = fragmentsOf(document);
  const variableDefaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }

  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    const argument: GraphQLArgument | undefined = definition?.args.find((a) => a.name === "first");
    const node = field.arguments?.find((a) => a.name.value === "first");
    if (!argument && !node) return undefined;
    let value: unknown;
    if (node?.value.kind === Kind.VARIABLE) {
      const name = node.value.name.value;
      value = variables[name] ?? variableDefaults.get(name);
    } else if (node) {
      value = valueFromASTUntyped(node.value);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) value = typeof argument?.defaultValue === "number" ? argument.defaultValue : DEFAULT_PAGE_SIZE;
    return Math.max(0, Math.floor(value as number));
  };

  const fieldDefinition = (parent: GraphQLCompositeType | undefined, field: FieldNode) => {
    const name = field.name.value;
    if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
    return parent && "getFields" in parent ? parent.getFields()[name] : undefined;
  };

  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined) => {
    const type = name ? schema.getType(name) : fallback;
    return type && isCompositeType(type) ? type : undefined;
  };

  // A fragment costs the same wherever it is spread: computed once (see field-tally.ts for why).
  const perFragment = new Map<string, number>();
  const costOf = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType | undefined): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (isTypename(selection)) continue;
        const definition = fieldDefinition(parent, selection);
        const type = definition ? getNamedType(definition.type) : undefined;
        const children = costOf(selection.selectionSet, type && isCompositeType(type) ? type : undefined);
        total += 1 + (pageSize(selection, definition) ?? 1) * children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent));
      } else {
        const name = selection.name.value;
        if (!perFragment.has(name)) {
          perFragment.set(name, 0);
          const fragment = fragments.get(name);
          perFragment.set(name, Math.min(costOf(fragment?.selectionSet, typeNamed(fragment?.typeCondition.name.value, undefined)), Number.MAX_SAFE_INTEGER));
        }
        total += perFragment.get(name)!;
      }
    }
    return Math.min(total, Number.MAX_SAFE_INTEGER);
  };

  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}
