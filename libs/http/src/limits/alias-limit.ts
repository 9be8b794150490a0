// Refuses operations with more aliases than a limit: aliases let one small query ask for the same
// expensive field hundreds of times (`a1: product(id: 1) a2: product(id: 1) ...`).
import type { ASTVisitor, ValidationContext } from "graphql";
import { fieldTally } from "./field-tally.js";
import { limitExceeded } from "./limit-error.js";

export function aliasLimit(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    const aliases = fieldTally(context.getDocument(), (field) => (field.alias ? 1 : 0));
    return {
      OperationDefinition(operation) {
        const count = aliases(operation.selectionSet);
        if (count > maxAliases) {
          context.reportError(
            limitExceeded("TOO_MANY_ALIASES", `The operation uses ${count} aliases; the limit is ${maxAliases}.`, { limit: maxAliases, actual: count }, operation),
          );
        }
      },
    };
  };
}
