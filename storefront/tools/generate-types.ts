// Runs GraphQL Code Generator as `pnpm storefront:codegen` does, into any folder: the check that
// the committed src/gql/ is current generates into a temporary one and compares.
import { generate } from "@graphql-codegen/cli";
import { codegenConfig } from "../codegen.ts";

export async function generateTypes(outDir: string): Promise<void> {
  await generate(codegenConfig(outDir), true);
}
