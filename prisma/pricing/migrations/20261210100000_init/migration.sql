-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "pricing";

-- Promotion rules: the engine's Promotion (subgraphs/pricing/src/quote/promotion.types.ts), its
-- target and action as JSON, the rest as columns. A code matches case-insensitively, so no two
-- promotions may share one in any case. Amounts are integer minor units of the shop's currency.
CREATE TABLE "promotion" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "code" TEXT,
    "rule" JSONB NOT NULL,
    "min_subtotal_minor" BIGINT,
    "starts_at" TIMESTAMP(3),
    "ends_at" TIMESTAMP(3),
    "stacking" TEXT NOT NULL DEFAULT 'STACKABLE',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "usage_limit" INTEGER,
    "per_customer_limit" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "promotion_stacking_check" CHECK ("stacking" IN ('STACKABLE', 'EXCLUSIVE')),
    CONSTRAINT "promotion_limits_positive" CHECK (("usage_limit" IS NULL OR "usage_limit" > 0) AND ("per_customer_limit" IS NULL OR "per_customer_limit" > 0)),
    CONSTRAINT "promotion_min_subtotal_non_negative" CHECK ("min_subtotal_minor" IS NULL OR "min_subtotal_minor" >= 0),
    CONSTRAINT "promotion_window_ordered" CHECK ("starts_at" IS NULL OR "ends_at" IS NULL OR "starts_at" < "ends_at")
);
CREATE UNIQUE INDEX "promotion_code_key" ON "promotion" (lower("code"));

-- Uses of promotions by checkouts, keyed by the checkout's reservation id: RESERVED at checkout,
-- then CONFIRMED when the order is paid or RELEASED when it is cancelled or the checkout gives up.
-- Usage limits count RESERVED and CONFIRMED uses, under a lock on the promotion's row.
CREATE TABLE "code_use" (
    "promotion_id" TEXT NOT NULL,
    "reservation_id" TEXT NOT NULL,
    "customer_key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'RESERVED',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "code_use_pkey" PRIMARY KEY ("promotion_id", "reservation_id"),
    CONSTRAINT "code_use_status_check" CHECK ("status" IN ('RESERVED', 'CONFIRMED', 'RELEASED'))
);
CREATE INDEX "code_use_reservation_id_idx" ON "code_use"("reservation_id");
CREATE INDEX "code_use_promotion_id_customer_key_idx" ON "code_use"("promotion_id", "customer_key");
ALTER TABLE "code_use" ADD CONSTRAINT "code_use_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tax rates per place, in parts per million per tax category. A province's entry replaces its
-- country's entry whole, so each place has at most one entry (a null province is the country's).
CREATE TABLE "tax_rate" (
    "id" TEXT NOT NULL,
    "country_code" CHAR(2) NOT NULL,
    "province_code" TEXT,
    "standard_ppm" INTEGER NOT NULL,
    "reduced_ppm" INTEGER NOT NULL,
    "zero_ppm" INTEGER NOT NULL,
    "taxes_shipping" BOOLEAN NOT NULL,
    "taxes_services" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "tax_rate_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tax_rate_ppm_range" CHECK ("standard_ppm" BETWEEN 0 AND 1000000 AND "reduced_ppm" BETWEEN 0 AND 1000000 AND "zero_ppm" BETWEEN 0 AND 1000000)
);
CREATE UNIQUE INDEX "tax_rate_place_key" ON "tax_rate" ("country_code", (COALESCE("province_code", '')));

-- The outbox (as in the other contexts): each change writes its events here in the same
-- transaction, and a relay publishes unpublished rows to the pricing-events stream, records the
-- stream entry id and sets published_at. Published rows are deleted after OUTBOX_RETENTION.
CREATE TABLE "outbox_event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "user_id" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "published_at" TIMESTAMP(3),
    "position" BIGSERIAL NOT NULL,
    "stream_entry_id" TEXT,
    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("position") WHERE "published_at" IS NULL;
CREATE INDEX "outbox_event_aggregate_id_position_idx" ON "outbox_event"("aggregate_id", "position");
CREATE INDEX "outbox_event_published_at_idx" ON "outbox_event"("published_at");

-- Events of other contexts this one has applied (order-events), per consumer group: a redelivered
-- event is recognised by its id and skipped. Rows older than OUTBOX_RETENTION are pruned.
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);
CREATE INDEX "processed_event_processed_at_idx" ON "processed_event"("processed_at");
