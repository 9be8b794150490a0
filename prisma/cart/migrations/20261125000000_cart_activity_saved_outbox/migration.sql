-- Last activity and the abandonment flag of each cart.
ALTER TABLE "cart" ADD COLUMN "last_activity_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "cart" ADD COLUMN "abandoned_at" TIMESTAMP(3);
CREATE INDEX "cart_status_last_activity_at_idx" ON "cart"("status", "last_activity_at");

-- Saved for later: a line with saved_at set is on the saved list, not in the cart's lines.
ALTER TABLE "cart_line" ADD COLUMN "saved_at" TIMESTAMP(3);

-- The outbox: each cart change writes its event here in the same transaction, and a relay publishes
-- unpublished rows to the Redis stream and then sets published_at. Published rows stay as the
-- cart's audit trail.
CREATE TABLE "outbox_event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "user_id" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "published_at" TIMESTAMP(3),
    "position" BIGSERIAL NOT NULL,
    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("position") WHERE "published_at" IS NULL;
CREATE INDEX "outbox_event_aggregate_id_position_idx" ON "outbox_event"("aggregate_id", "position");
