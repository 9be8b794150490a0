// Refuses operations selecting more fields in all than a limit, a fragment counting wherever it is
// spread: what the gateway would plan, fetch and merge, not how short the text looks.
import type { ASTVisitor, ValidationContext } from "graphql";
import { fieldTally, isTypename } from "./field-tally.js";
import { limitExceeded } from "./limit-error.js";

export function fieldCountLimit(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fields = fieldTally(context.getDocument(), (field) => (isTypename(field) ? 0 : 1));
    return {
      OperationDefinition(operation) {
        const count = fields(operation.selectionSet);
        if (count > maxFields) {
          context.reportError(
            limitExceeded("TOO_MANY_FIELDS", `The operation selects ${count} fields (fragments counted where they are spread); the limit is ${maxFields}.`, { limit: maxFields, actual: count }, operation),
          );
        }
      },
    };
  };
}
