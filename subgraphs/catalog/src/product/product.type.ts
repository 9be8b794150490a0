import { ArgsType, Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money, PageInfo } from "@trolley/federation";
import { Category } from "../category/category.type.js";

export enum ProductStatus {
  ACTIVE = "ACTIVE",
  DISCONTINUED = "DISCONTINUED",
}
registerEnumType(ProductStatus, { name: "ProductStatus" });

export enum TaxCategory {
  STANDARD = "STANDARD",
  REDUCED = "REDUCED",
  ZERO = "ZERO",
}
registerEnumType(TaxCategory, { name: "TaxCategory", description: "Which of a place's tax rates applies to a product." });

/** The catalog's product row as the resolvers see it (prices in minor units). */
export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceMinor: number;
  currencyCode: string;
  status: ProductStatus;
  stockOnHand: number;
  stockReserved: number;
  categoryId: string | null;
  taxCategory: `${TaxCategory}`;
  weightGrams: number;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Money)
  price!: Money;

  @Field(() => ProductStatus)
  status!: ProductStatus;

  @Field(() => Int, { description: "Units that can still be sold (on hand minus reserved)." })
  availableQuantity!: number;

  @Field(() => Boolean)
  inStock!: boolean;

  @Field(() => Category, { nullable: true })
  category?: Category | null;

  @Field(() => TaxCategory, { description: "Which of a place's tax rates applies (the pricing context holds the rates)." })
  taxCategory!: TaxCategory;

  @Field(() => Int, { description: "Shipping weight of one unit, in grams (0 until it is known)." })
  weightGrams!: number;

  /** Not a GraphQL field: the category field resolves from it through a loader. */
  categoryId!: string | null;

  static from(record: ProductRecord): Product {
    const availableQuantity = Math.max(0, record.stockOnHand - record.stockReserved);
    return Object.assign(new Product(), {
      id: record.id,
      sku: record.sku,
      name: record.name,
      description: record.description,
      price: Money.of(record.priceMinor, record.currencyCode),
      status: record.status,
      availableQuantity,
      inStock: record.status === ProductStatus.ACTIVE && availableQuantity > 0,
      categoryId: record.categoryId,
      taxCategory: record.taxCategory as TaxCategory,
      weightGrams: record.weightGrams,
    });
  }
}

@ObjectType()
export class ProductEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Product)
  node!: Product;
}

@ObjectType()
export class ProductConnection {
  @Field(() => [ProductEdge])
  edges!: ProductEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ArgsType()
export class ProductsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, { nullable: true, description: "Matches product names (case-insensitive) or an exact SKU." })
  search?: string | null;

  @Field(() => String, { nullable: true })
  categorySlug?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeDiscontinued?: boolean;
}
