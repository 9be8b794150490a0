-- Stock reservations: units held for a checkout, keyed by the id the caller chose (the order's),
-- until the order is paid (COMMITTED, the units leave the shop) or cancelled (RELEASED, the units
-- go back on sale). A status only ever moves away from RESERVED, once.
CREATE TABLE "stock_reservation" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RESERVED',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stock_reservation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stock_reservation_status_check" CHECK ("status" IN ('RESERVED', 'RELEASED', 'COMMITTED'))
);

-- One line per product, with the name and unit price the product had when it was reserved (what
-- checkout snapshots into the order). The product cannot be deleted while a line names it.
CREATE TABLE "stock_reservation_line" (
    "reservation_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "product_name" TEXT NOT NULL,
    "unit_price_minor" INTEGER NOT NULL,
    "currency_code" CHAR(3) NOT NULL,
    CONSTRAINT "stock_reservation_line_pkey" PRIMARY KEY ("reservation_id", "product_id"),
    CONSTRAINT "stock_reservation_line_quantity_positive" CHECK ("quantity" > 0),
    CONSTRAINT "stock_reservation_line_unit_price_non_negative" CHECK ("unit_price_minor" >= 0)
);
CREATE INDEX "stock_reservation_line_product_id_idx" ON "stock_reservation_line"("product_id");
ALTER TABLE "stock_reservation_line" ADD CONSTRAINT "stock_reservation_line_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "stock_reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_reservation_line" ADD CONSTRAINT "stock_reservation_line_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The outbox (as in the cart): each stock change writes its StockChanged events here in the same
-- transaction, and a relay publishes unpublished rows to the catalog-events stream and then sets
-- published_at. Published rows stay as the catalog's audit trail.
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

-- Events of other contexts this one has applied, per consumer group: a redelivered event is
-- recognised by its id and skipped (delivery is at least once).
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);
