-- Which of a place's tax rates applies to a product: the pricing context reads it with the price
-- (Product.taxCategory) and holds the rates themselves. Existing products are standard-rated.
CREATE TYPE "TaxCategory" AS ENUM ('STANDARD', 'REDUCED', 'ZERO');

ALTER TABLE "product" ADD COLUMN "tax_category" "TaxCategory" NOT NULL DEFAULT 'STANDARD';
