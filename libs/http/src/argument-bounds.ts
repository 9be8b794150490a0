// Every ID and String argument a client sends is bounded at the edge of each process, before any
// resolver runs or any other service is called: an ID has at most MAX_ID_LENGTH characters, a string
// at most MAX_STRING_LENGTH, and neither holds control characters (NUL, which Postgres refuses in
// text, and the other C0 and C1 controls; a string may hold tabs and line breaks). A value of the
// contract's `Date` must be a calendar day written YYYY-MM-DD: the gateway knows no scalar's rules
// of its own, and would otherwise pass any text on to a subgraph whose refusal it cannot read. A
// value out of bounds is answered BAD_USER_INPUT naming the argument, never echoing it, and nothing runs.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import { isCalendarDay } from "@trolley/errors";

export const MAX_ID_LENGTH = 128;
export const MAX_STRING_LENGTH = 2048;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The problem with one scalar value, or null when it is within bounds. */
export function scalarProblem(typeName: string, value: string): string | null {
  if (typeName === "ID") {
    if (value.length > MAX_ID_LENGTH) return `is limited to ${MAX_ID_LENGTH} characters`;
    if (CONTROL.test(value)) return "must not contain control characters";
  } else if (typeName === "String") {
    if (value.length > MAX_STRING_LENGTH) return `is limited to ${MAX_STRING_LENGTH} characters`;
    if (CONTROL_BUT_WHITESPACE.test(value)) return "must not contain control characters";
  } else if (typeName === "Date") {
    if (!isCalendarDay(value)) return "must be a calendar day written YYYY-MM-DD";
  }
  return null;
}

/** The problem with a value that is not text, where only text will do (a Date); graphql checks the built-in scalars. */
const notTextProblem = (typeName: string): string | null => (typeName === "Date" ? "must be a calendar day written YYYY-MM-DD" : null);

/** Walks a variable's JSON value along its input type. */
function valueProblem(type: GraphQLInputType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return valueProblem(type.ofType, value);
  if (isListType(type)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const problem = valueProblem(type.ofType, item);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object") return null;
    for (const [name, field] of Object.entries(type.getFields())) {
      const problem = valueProblem(field.type, (value as Record<string, unknown>)[name]);
      if (problem) return problem;
    }
    return null;
  }
  if (!isScalarType(type)) return null;
  return typeof value === "string" ? scalarProblem(type.name, value) : notTextProblem(type.name);
}

/** Walks a literal along its input type; variables inside it are looked up. */
function literalProblem(type: GraphQLInputType, node: ValueNode, variables: Record<string, unknown>): string | null {
  if (node.kind === Kind.VARIABLE) return valueProblem(type, variables[node.name.value]);
  if (node.kind === Kind.NULL) return null;
  if (isNonNullType(type)) return literalProblem(type.ofType, node, variables);
  if (isListType(type)) {
    for (const item of node.kind === Kind.LIST ? node.values : [node]) {
      const problem = literalProblem(type.ofType, item, variables);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type) && node.kind === Kind.OBJECT) {
    const fields = type.getFields();
    for (const field of node.fields) {
      const problem = fields[field.name.value] ? literalProblem(fields[field.name.value]!.type, field.value, variables) : null;
      if (problem) return problem;
    }
    return null;
  }
  return node.kind === Kind.STRING ? scalarProblem(getNamedType(type).name, node.value) : notTextProblem(getNamedType(type).name);
}

interface TypedArgument {
  name: string;
  type: GraphQLInputType;
  value: ValueNode;
}

/**
 * The arguments of a document with their input types. Walking a document with type information
 * costs more than checking its values, and Apollo Server hands out the same parsed document for
 * the same query text, so the walk is done once per document and only the values per request.
 */
const argumentsByDocument = new WeakMap<DocumentNode, TypedArgument[]>();

function typedArguments(document: DocumentNode, schema: GraphQLSchema): TypedArgument[] {
  const known = argumentsByDocument.get(document);
  if (known) return known;
  const typeInfo = new TypeInfo(schema);
  const found: TypedArgument[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getInputType();
        if (type) found.push({ name: node.name.value, type, value: node.value });
      },
    }),
  );
  argumentsByDocument.set(document, found);
  return found;
}

export function argumentBounds<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const variables = request.variables ?? {};
          for (const argument of typedArguments(document, schema)) {
            const problem = literalProblem(argument.type, argument.value, variables);
            if (problem) {
              throw new GraphQLError(`Argument \`${argument.name}\` ${problem}.`, {
                extensions: { code: "BAD_USER_INPUT", argument: argument.name, http: { status: 400 } },
              });
            }
          }
        },
      };
    },
  };
}
