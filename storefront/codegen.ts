// Types for the storefront's operations (src/graphql/*.graphql), generated from the public API
// (contract/public-api.graphql) into src/gql/, committed; test/storefront-codegen.test.ts checks it is current.
import type { CodegenConfig } from "@graphql-codegen/cli";

export const codegenConfig = (outDir: string): CodegenConfig => ({
  schema: new URL("../contract/public-api.graphql", import.meta.url).pathname,
  documents: [new URL("./src/graphql/*.graphql", import.meta.url).pathname],
  silent: true,
  generates: {
    [`${outDir}/`]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", Date: "string" } },
    },
  },
});

export default codegenConfig(new URL("./src/gql", import.meta.url).pathname);
