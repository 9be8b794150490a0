// Which queries one subgraph answers whole, so the gateway can hand the subgraph's data on as it
// came (single-fetch-answers.ts). The gateway's planner decides: each plan it makes is shown here
// (experimental_didResolveQueryPlan), and an operation qualifies when its plan is one fetch from
// one subgraph whose selection is the client's own, field for field. Then the gateway's execution
// would only parse the subgraph's answer and shape it into what it already is. Anything else
// (several fetches, entity calls, rewrites, @defer, fragments, a selection the planner changed, an
// enum with values hidden from clients, which the gateway's shaping would null out) keeps the
// gateway's execution.
import type { Experimental_DidResolveQueryPlanCallback } from "@apollo/gateway";
import {
  getNamedType,
  isEnumType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]["queryPlan"];
type FetchNode = Extract<NonNullable<QueryPlan["node"]>, { kind: "Fetch" }>;

/** The one subgraph call that answers an operation. */
export interface SingleFetch {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  variableUsages: string[];
}

/** What a plan is decided on: the request's identity and its parsed operation. */
export interface PlannedRequest {
  queryHash?: string;
  operationName?: string | null;
  operation?: OperationDefinitionNode;
  schema?: GraphQLSchema;
}

/** Decisions kept; past this the oldest go (a new operation is decided again on its next plan). */
const MAX_DECISIONS = 2_000;

const keyOf = (request: PlannedRequest) => (request.queryHash ? `${request.queryHash}:${request.operationName ?? ""}` : undefined);

/** Enums of the supergraph with a value marked @inaccessible: the gateway's shaping hides those values. */
export function enumsWithHiddenValues(supergraphSdl: string): Set<string> {
  const names = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
    if (definition.values?.some((value) => value.directives?.some((d) => d.name.value.endsWith("inaccessible")))) names.add(definition.name.value);
  }
  return names;
}

function usesFragmentsOrHiddenEnums(operation: OperationDefinitionNode, schema: GraphQLSchema, hiddenEnums: Set<string>): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      FragmentSpread() {
        found = true;
      },
      Field() {
        const type = typeInfo.getType();
        const named = type && getNamedType(type);
        if (named && isEnumType(named) && hiddenEnums.has(named.name)) found = true;
      },
    }),
  );
  return found;
}

/** The fetch that answers `operation` whole, or null when the gateway must execute the plan. */
export function singleFetchOf(plan: QueryPlan, operation: OperationDefinitionNode, schema: GraphQLSchema, hiddenEnums: Set<string>): SingleFetch | null {
  const node = plan.node;
  if (operation.operation !== "query" || node?.kind !== "Fetch") return null;
  const fetch = node as FetchNode;
  if (fetch.operationKind !== "query" || fetch.hasDefers || fetch.requires?.length || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return null;
  const document = parse(fetch.operation);
  const sent = document.definitions[0];
  if (document.definitions.length !== 1 || sent.kind !== Kind.OPERATION_DEFINITION) return null;
  if (print(sent.selectionSet) !== print(operation.selectionSet)) return null;
  if (usesFragmentsOrHiddenEnums(operation, schema, hiddenEnums)) return null;
  return { serviceName: fetch.serviceName, operation: fetch.operation, operationName: fetch.operationName, variableUsages: fetch.variableUsages ?? [] };
}

export class SingleFetchPlans {
  private readonly decisions = new Map<string, SingleFetch | null>();
  private hiddenEnums = new Set<string>();

  /** A new supergraph: every operation is decided again, on its next plan. */
  reset(supergraphSdl: string): void {
    this.decisions.clear();
    this.hiddenEnums = enumsWithHiddenValues(supergraphSdl);
  }

  /** Each plan the gateway made, with its request (the gateway's experimental_didResolveQueryPlan). */
  remember(plan: QueryPlan, request: PlannedRequest): void {
    const key = keyOf(request);
    if (!key || this.decisions.has(key) || !request.operation || !request.schema) return;
    if (this.decisions.size >= MAX_DECISIONS) this.decisions.delete(this.decisions.keys().next().value!);
    this.decisions.set(key, singleFetchOf(plan, request.operation, request.schema, this.hiddenEnums));
  }

  /** The fetch that answers the request whole; undefined until its plan has been seen, null when there is none. */
  lookup(request: PlannedRequest): SingleFetch | null | undefined {
    const key = keyOf(request);
    return key === undefined ? null : this.decisions.get(key);
  }
}
