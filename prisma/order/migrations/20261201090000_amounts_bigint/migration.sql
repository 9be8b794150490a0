-- Totals are sums of up to 100 lines of 999 units at up to 999999.99: far past 32 bits.
-- Unit prices stay INTEGER: the catalog bounds them (catalog migration 20261201090000_price_bound).
ALTER TABLE "customer_order" ALTER COLUMN "total_minor" TYPE BIGINT;
ALTER TABLE "order_line" ALTER COLUMN "subtotal_minor" TYPE BIGINT;
