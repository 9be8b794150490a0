// What the catalog answers about categories.
import type { CategoryStore } from "./category.store.js";
import type { Category } from "./category.type.js";

export class CategoryService {
  constructor(private readonly store: CategoryStore) {}

  /** Every category, by name. */
  all(): Promise<Category[]> {
    return this.store.all();
  }
}
