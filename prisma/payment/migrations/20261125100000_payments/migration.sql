-- At most one payment of an order is in flight or succeeded. The index, not a prior read, decides
-- between concurrent payOrder calls: the second insert conflicts and that attempt is refused.
CREATE UNIQUE INDEX "payment_one_active_per_order_key" ON "payment"("order_id") WHERE "status" IN ('PROCESSING', 'SUCCEEDED');

-- A provider reference names one charge of that provider.
CREATE UNIQUE INDEX "payment_provider_provider_ref_key" ON "payment"("provider", "provider_ref");

-- Idempotency of payOrder and refundPayment, per caller and key. request_hash is a SHA-256 of the
-- operation and its parameters (never the token itself).
CREATE TABLE "payment_request" (
    "user_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_request_pkey" PRIMARY KEY ("user_id", "idempotency_key")
);
CREATE INDEX "payment_request_payment_id_idx" ON "payment_request"("payment_id");
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Webhook events already processed, for exactly-once processing however often one is delivered.
CREATE TABLE "provider_event" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_event_pkey" PRIMARY KEY ("provider", "event_id")
);

-- The outbox: each payment change writes its event here in the same transaction, and a relay
-- publishes unpublished rows to the Redis stream payment-events and then sets published_at.
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
