-- The payment currently being attempted for an order (the payment context's payment id) and when
-- it claimed the order. payOrder claims before it charges, and cancel and expiry refuse, or ask the
-- payment context, while a claim is set, so an order is never cancelled under a payment that may
-- capture money. Cleared when the payment settles (PaymentSucceeded, PaymentFailed).
-- (No semicolons in comments here: the migration is applied split on them.)
ALTER TABLE "customer_order" ADD COLUMN "payment_in_flight" TEXT;
ALTER TABLE "customer_order" ADD COLUMN "payment_claimed_at" TIMESTAMP(3);
