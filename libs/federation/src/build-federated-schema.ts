// The one way every subgraph turns its type-graphql resolvers into a federation 2 subgraph schema.
// type-graphql builds a plain schema with the federation directives written next to the fields;
// printing it with those directives and linking the federation spec gives @apollo/subgraph an SDL
// to build the subgraph from, with type-graphql's resolvers plus our entity reference resolvers.
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { isEnumType, parse, type GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@requires", "@external", "@provides", "@inaccessible"])';

/** Entity reference resolvers: `{ Product: { __resolveReference(ref, ctx) { ... } } }`. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, "skipCheck" | "scalarsMap"> {
  references?: ReferenceResolvers;
  /** Entities only reached through references (never from a root field) must be listed here. */
  orphanedTypes?: Function[];
  /** Enums only @inaccessible fields use: type-graphql has no @Directive for enums, so they are named here. */
  inaccessibleEnums?: string[];
}

export async function buildFederatedSchema({ references = {}, inaccessibleEnums = [], ...options }: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    validate: false,
    ...options,
    // The contract names the timestamp scalar `DateTime` (ISO 8601 strings).
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Federation directives and stubs of entities owned elsewhere are checked by composition instead.
    skipCheck: true,
  });
  for (const name of inaccessibleEnums) {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new TypeError(`${name} is not an enum of this schema`);
    // printSchemaWithDirectives prints the directives it finds in a type's extensions.
    Object.assign(type, { extensions: { ...type.extensions, directives: { inaccessible: {} } } });
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers: Record<string, object> = { ...createResolversMap(schema) };
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  // The map's values are type-graphql's resolvers and our reference functions, as buildSubgraphSchema expects.
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
}

/** The SDL a subgraph publishes (what `{ _service { sdl } }` answers and composition reads). */
export const printFederatedSchema = (schema: GraphQLSchema) => printSubgraphSchema(schema);
