-- What the payer's client needs to complete 3-D Secure with the provider, kept only while the
-- payment is REQUIRES_ACTION (cleared when it moves on).
ALTER TABLE "payment"."payment" ADD COLUMN "client_secret" TEXT;

-- A payment awaiting the customer's action is in flight: the order cannot be paid a second time
-- meanwhile, so REQUIRES_ACTION joins the statuses that hold the order.
DROP INDEX "payment"."payment_one_active_per_order_key";
CREATE UNIQUE INDEX "payment_one_active_per_order_key" ON "payment"."payment"("order_id") WHERE "status" IN ('PROCESSING', 'REQUIRES_ACTION', 'SUCCEEDED');
