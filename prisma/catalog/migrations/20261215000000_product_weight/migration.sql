-- The shipping weight of one unit of a product, in grams: the shipping context prices and limits
-- options by a cart's weight. Existing products weigh 0 until an admin or the seed sets it.
ALTER TABLE "product" ADD COLUMN "weight_grams" INTEGER NOT NULL DEFAULT 0;

-- No product weighs less than nothing or more than a tonne, whatever the code path.
ALTER TABLE "product" ADD CONSTRAINT "product_weight_grams_range" CHECK ("weight_grams" BETWEEN 0 AND 1000000);
