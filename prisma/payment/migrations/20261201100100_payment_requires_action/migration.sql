-- 3-D Secure: a charge the customer must still confirm. Its own migration, because a new enum value
-- cannot be used (by the index in the next migration) in the transaction that adds it.
ALTER TYPE "payment"."PaymentStatus" ADD VALUE 'REQUIRES_ACTION' AFTER 'PROCESSING';
