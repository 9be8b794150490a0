-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "shipping";

-- Shipping options as data: where each delivers, what it carries, when it delivers, and its free
-- threshold. Amounts are integer minor units of the option's currency. Weekdays are ISO numbers
-- (1 Monday to 7 Sunday), the cut-off hour is local to the option's IANA time zone.
CREATE TABLE "shipping_option" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "currency_code" CHAR(3) NOT NULL,
    "country_codes" TEXT[] NOT NULL,
    "excluded_province_codes" TEXT[] NOT NULL DEFAULT '{}',
    "min_weight_grams" INTEGER NOT NULL DEFAULT 0,
    "max_weight_grams" INTEGER,
    "free_over_minor" BIGINT,
    "lead_days" INTEGER NOT NULL,
    "cutoff_hour" INTEGER NOT NULL,
    "time_zone" TEXT NOT NULL,
    "delivery_weekdays" INTEGER[] NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 100,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "shipping_option_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shipping_option_countries_check" CHECK (cardinality("country_codes") > 0),
    CONSTRAINT "shipping_option_weights_check" CHECK ("min_weight_grams" >= 0 AND ("max_weight_grams" IS NULL OR "max_weight_grams" >= "min_weight_grams")),
    CONSTRAINT "shipping_option_free_over_check" CHECK ("free_over_minor" IS NULL OR "free_over_minor" >= 0),
    CONSTRAINT "shipping_option_lead_days_check" CHECK ("lead_days" BETWEEN 0 AND 30),
    CONSTRAINT "shipping_option_cutoff_hour_check" CHECK ("cutoff_hour" BETWEEN 0 AND 23),
    CONSTRAINT "shipping_option_weekdays_check" CHECK (cardinality("delivery_weekdays") > 0 AND "delivery_weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7])
);

-- Price brackets of an option: the rate whose minimums a cart reaches with the highest minimum
-- weight, then the highest minimum subtotal, applies.
CREATE TABLE "shipping_rate" (
    "option_id" TEXT NOT NULL,
    "min_weight_grams" INTEGER NOT NULL DEFAULT 0,
    "min_subtotal_minor" BIGINT NOT NULL DEFAULT 0,
    "price_minor" BIGINT NOT NULL,
    CONSTRAINT "shipping_rate_pkey" PRIMARY KEY ("option_id", "min_weight_grams", "min_subtotal_minor"),
    CONSTRAINT "shipping_rate_amounts_check" CHECK ("min_weight_grams" >= 0 AND "min_subtotal_minor" >= 0 AND "price_minor" >= 0)
);
ALTER TABLE "shipping_rate" ADD CONSTRAINT "shipping_rate_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "shipping_option"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Add-ons of an option, each with its own price: offered from a cart weight (carry-in), or opening
-- weekdays the option does not otherwise deliver on (Sunday delivery).
CREATE TABLE "shipping_add_on" (
    "id" TEXT NOT NULL,
    "option_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "min_weight_grams" INTEGER,
    "weekdays" INTEGER[] NOT NULL DEFAULT '{}',
    "position" INTEGER NOT NULL DEFAULT 100,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "shipping_add_on_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shipping_add_on_amounts_check" CHECK ("price_minor" >= 0 AND ("min_weight_grams" IS NULL OR "min_weight_grams" >= 0)),
    CONSTRAINT "shipping_add_on_weekdays_check" CHECK ("weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7])
);
CREATE INDEX "shipping_add_on_option_id_idx" ON "shipping_add_on"("option_id");
ALTER TABLE "shipping_add_on" ADD CONSTRAINT "shipping_add_on_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "shipping_option"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox (as in the other contexts): a change writes its events here in the same transaction,
-- and a relay publishes unpublished rows to the shipping-events stream, records the stream entry
-- id and sets published_at. Published rows are deleted after OUTBOX_RETENTION.
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

-- Events of other contexts this one has applied, per consumer group: a redelivered event is
-- recognised by its id and skipped. Rows older than OUTBOX_RETENTION are pruned.
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);
CREATE INDEX "processed_event_processed_at_idx" ON "processed_event"("processed_at");
