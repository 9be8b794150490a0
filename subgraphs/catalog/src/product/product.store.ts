// Product persistence: the only place that queries the product table.
import type { CatalogDb } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ProductRecord, ProductStatus } from "./product.type.js";

export interface ProductListQuery {
  first: number;
  /** Keyset position: the (name, id) of the last product of the previous page. */
  after?: { name: string; id: string };
  search?: string;
  categorySlug?: string;
  includeDiscontinued: boolean;
}

const asRecord = (row: { status: string } & Omit<ProductRecord, "status">): ProductRecord => ({ ...row, status: row.status as ProductStatus });

export class ProductStore {
  constructor(private readonly db: CatalogDb) {}

  /** One query for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    const rows = await this.db.product.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(asRecord);
  }

  async list(query: ProductListQuery): Promise<{ rows: ProductRecord[]; totalCount: number; hasNextPage: boolean }> {
    const filter: Prisma.ProductWhereInput = {
      ...(query.includeDiscontinued ? {} : { status: "ACTIVE" }),
      ...(query.categorySlug ? { category: { slug: query.categorySlug } } : {}),
      ...(query.search
        ? { OR: [{ name: { contains: query.search, mode: "insensitive" } }, { sku: { equals: query.search, mode: "insensitive" } }] }
        : {}),
    };
    const page: Prisma.ProductWhereInput = query.after
      ? { OR: [{ name: { gt: query.after.name } }, { name: query.after.name, id: { gt: query.after.id } }] }
      : {};
    const [rows, totalCount] = await Promise.all([
      this.db.product.findMany({ where: { AND: [filter, page] }, orderBy: [{ name: "asc" }, { id: "asc" }], take: query.first + 1 }),
      this.db.product.count({ where: filter }),
    ]);
    return { rows: rows.slice(0, query.first).map(asRecord), totalCount, hasNextPage: rows.length > query.first };
  }
}
