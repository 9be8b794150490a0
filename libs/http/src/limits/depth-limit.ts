// Refuses operations nested deeper than a limit before any subgraph sees them: a cheap guard
// against queries built to fan out without bound.
import { Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from "graphql";
import { fragmentsOf } from "./field-tally.js";
import { limitExceeded } from "./limit-error.js";

export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    // A fragment's depth does not depend on where it is spread: computed once, so fragments that
    // spread each other many times over cannot make this check itself slow.
    const fragmentDepth = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          // Introspection (`__schema`, `__type`) is nested by nature and limited elsewhere.
          if (selection.name.value.startsWith("__")) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          const name = selection.name.value;
          if (!fragmentDepth.has(name)) {
            fragmentDepth.set(name, 0); // a cycle adds nothing (and is refused by NoFragmentCycles)
            fragmentDepth.set(name, depthOf(fragments.get(name)?.selectionSet));
          }
          deepest = Math.max(deepest, fragmentDepth.get(name)!);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            limitExceeded("QUERY_TOO_DEEP", `The operation is nested ${depth} levels deep; the limit is ${maxDepth}.`, { limit: maxDepth, actual: depth }, operation),
          );
        }
      },
    };
  };
}
