-- Orders the order context reported cancelled (OrderCancelled on order-events). A payment that
-- succeeds for one of them is refunded automatically. The row outlives the event, so a payment
-- that settles after the cancellation was applied is still recognised.
CREATE TABLE "cancelled_order" (
    "order_id" TEXT NOT NULL,
    "cancelled_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cancelled_order_pkey" PRIMARY KEY ("order_id")
);

-- Events of other contexts already applied here (order-events), see libs/outbox StreamConsumer.
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);

-- Rows older than OUTBOX_RETENTION are pruned.
CREATE INDEX "processed_event_processed_at_idx" ON "processed_event"("processed_at");
