// Refuses operations selecting more top-level fields than a limit: each root field is its own
// entry point, usually its own subgraph fetch.
import type { ASTVisitor, ValidationContext } from "graphql";
import { fieldTally, isTypename } from "./field-tally.js";
import { limitExceeded } from "./limit-error.js";

export function rootFieldLimit(maxRootFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const rootFields = fieldTally(context.getDocument(), (field) => (isTypename(field) ? 0 : 1), { nested: false });
    return {
      OperationDefinition(operation) {
        const count = rootFields(operation.selectionSet);
        if (count > maxRootFields) {
          context.reportError(
            limitExceeded("TOO_MANY_ROOT_FIELDS", `The operation selects ${count} root fields; the limit is ${maxRootFields}.`, { limit: maxRootFields, actual: count }, operation),
          );
        }
      },
    };
  };
}
