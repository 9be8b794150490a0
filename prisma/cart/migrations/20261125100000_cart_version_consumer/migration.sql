-- Incremented by every change: checkout records the version it ordered, and the cart is closed
-- by the order's event only if nobody changed it since.
ALTER TABLE "cart" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

-- Events of other contexts this one has applied (order-events), for exactly-once handling.
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);
