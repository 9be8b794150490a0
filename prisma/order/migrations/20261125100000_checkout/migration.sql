-- Order numbers: TR-000001, TR-000002, ... from one sequence, so they are unique across processes.
CREATE SEQUENCE "order_number_seq" START 1;

-- The stock reservation that backs an order, and when and why it left PENDING_PAYMENT.
ALTER TABLE "customer_order" ADD COLUMN "reservation_id" TEXT;
ALTER TABLE "customer_order" ADD COLUMN "cancel_reason" TEXT;
CREATE INDEX "customer_order_status_created_at_idx" ON "customer_order"("status", "created_at");

-- Checkout idempotency: one row per caller and key. Its id is also the stock reservation id, so a
-- retried reservation is recognised by the catalog. PENDING while a checkout runs, COMPLETED with
-- the order it created.
CREATE TABLE "checkout_request" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "order_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "checkout_request_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "checkout_request_status" CHECK ("status" IN ('PENDING', 'COMPLETED'))
);
CREATE UNIQUE INDEX "checkout_request_user_id_idempotency_key_key" ON "checkout_request"("user_id", "idempotency_key");
CREATE INDEX "checkout_request_status_created_at_idx" ON "checkout_request"("status", "created_at");

-- The outbox (order-events) and the record of consumed events (payment-events).
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

CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);
