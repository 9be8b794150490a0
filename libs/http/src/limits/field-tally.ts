// Counting the fields of an operation as it would run: a fragment counts wherever it is spread.
// Each fragment is counted once and remembered, so a chain of fragments that spread the next one
// twice (a document of a few hundred characters describing billions of fields) is counted in
// linear time instead of being expanded (and kept finite, so an absurd count is still a number).
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** `__typename` is answered by the gateway itself (and added to every selection by Apollo Client): it counts as no work. */
export const isTypename = (field: FieldNode) => field.name.value === "__typename";

/**
 * A counter of `weight(field)` over a selection set, fragments expanded. `nested: false` stays at
 * the first level (the root fields of an operation), still looking through fragments.
 */
export function fieldTally(document: DocumentNode, weight: (field: FieldNode) => number, options: { nested: boolean } = { nested: true }) {
  const fragments = fragmentsOf(document);
  const perFragment = new Map<string, number>();
  const tally = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += weight(selection) + (options.nested ? tally(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += tally(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!perFragment.has(name)) {
          // A fragment that spreads itself counts nothing more (graphql's NoFragmentCycles refuses it anyway).
          perFragment.set(name, 0);
          perFragment.set(name, Math.min(tally(fragments.get(name)?.selectionSet), Number.MAX_SAFE_INTEGER));
        }
        total += perFragment.get(name)!;
      }
    }
    return total;
  };
  return tally;
}
