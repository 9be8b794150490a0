-- The cart's quote as the pricing context priced it at checkout, kept on the order and its lines:
-- an order never asks pricing again, so later changes to promotions or tax rates leave it as placed.
-- Amounts are integer minor units of the order's currency. Orders placed before quotes existed are
-- backfilled as what they were: goods only (subtotal = total), no discount, no tax, nothing else.
-- (No semicolons in comments here: the migration is applied split on them.)
ALTER TABLE "customer_order" ADD COLUMN "subtotal_minor" BIGINT;
UPDATE "customer_order" SET "subtotal_minor" = "total_minor";
ALTER TABLE "customer_order" ALTER COLUMN "subtotal_minor" SET NOT NULL;
ALTER TABLE "customer_order" ADD COLUMN "services_subtotal_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "customer_order" ADD COLUMN "shipping_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "customer_order" ADD COLUMN "discount_total_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "customer_order" ADD COLUMN "tax_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "customer_order" ADD COLUMN "tax_included" BOOLEAN NOT NULL DEFAULT false;
-- Every discount applied, as the quote listed them: code (null when automatic), title, target, amountMinor.
ALTER TABLE "customer_order" ADD COLUMN "discounts" JSONB NOT NULL DEFAULT '[]';
-- The quote's own hash (pricing's quote-hash), null for orders placed before quotes.
ALTER TABLE "customer_order" ADD COLUMN "quote_hash" TEXT;
-- Checkout writes every amount itself: the defaults were only for the rows already there.
ALTER TABLE "customer_order" ALTER COLUMN "services_subtotal_minor" DROP DEFAULT;
ALTER TABLE "customer_order" ALTER COLUMN "shipping_minor" DROP DEFAULT;
ALTER TABLE "customer_order" ALTER COLUMN "discount_total_minor" DROP DEFAULT;
ALTER TABLE "customer_order" ALTER COLUMN "tax_minor" DROP DEFAULT;
ALTER TABLE "customer_order" ALTER COLUMN "tax_included" DROP DEFAULT;
ALTER TABLE "customer_order" ALTER COLUMN "discounts" DROP DEFAULT;
ALTER TABLE "customer_order" ADD CONSTRAINT "customer_order_cost_non_negative" CHECK (
  "subtotal_minor" >= 0 AND "services_subtotal_minor" >= 0 AND "shipping_minor" >= 0 AND "discount_total_minor" >= 0 AND "tax_minor" >= 0);

-- Each line's share: its LINE discounts, its tax, and what a refund of the whole line returns.
ALTER TABLE "order_line" ADD COLUMN "discount_total_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "order_line" ADD COLUMN "tax_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "order_line" ADD COLUMN "total_minor" BIGINT;
UPDATE "order_line" SET "total_minor" = "subtotal_minor";
ALTER TABLE "order_line" ALTER COLUMN "total_minor" SET NOT NULL;
ALTER TABLE "order_line" ALTER COLUMN "discount_total_minor" DROP DEFAULT;
ALTER TABLE "order_line" ALTER COLUMN "tax_minor" DROP DEFAULT;
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_cost_non_negative" CHECK (
  "subtotal_minor" >= 0 AND "discount_total_minor" >= 0 AND "discount_total_minor" <= "subtotal_minor" AND "tax_minor" >= 0 AND "total_minor" >= 0);
