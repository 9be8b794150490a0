// Category persistence.
import type { CatalogDb } from "../db.js";
import type { Category } from "./category.type.js";

export class CategoryStore {
  constructor(private readonly db: CatalogDb) {}

  findByIds(ids: readonly string[]): Promise<Category[]> {
    return this.db.category.findMany({ where: { id: { in: [...ids] } } });
  }

  all(): Promise<Category[]> {
    return this.db.category.findMany({ orderBy: { name: "asc" } });
  }
}
