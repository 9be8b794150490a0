-- The largest unit price the shop takes (999999.99 in a two-digit currency), so a unit price always
-- fits INTEGER. Totals, which can pass 32 bits, are BIGINT where they are stored (order, payment).
ALTER TABLE "product" ADD CONSTRAINT "product_price_at_most_max" CHECK ("price_minor" <= 99999999);
