-- A payment charges an order's whole total, which can pass 32 bits (see the order context).
ALTER TABLE "payment" ALTER COLUMN "amount_minor" TYPE BIGINT;
