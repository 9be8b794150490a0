-- What checkout keeps of the shopper's delivery choices: the email confirmations go to, the
-- address, the shipping chosen (title, price, day, add-ons) and the services sold with the goods.
-- Snapshots, never read again from the cart, shipping or catalog. Orders placed before delivery
-- existed keep nulls and no service lines.
ALTER TABLE "orders"."customer_order"
  ADD COLUMN "email" TEXT,
  ADD COLUMN "shipping_address" JSONB,
  ADD COLUMN "shipping_option_id" TEXT,
  ADD COLUMN "shipping_title" TEXT,
  ADD COLUMN "shipping_price_minor" BIGINT,
  ADD COLUMN "shipping_delivery_date" DATE,
  ADD COLUMN "shipping_add_ons" JSONB;

CREATE TABLE "orders"."order_service_line" (
  "id" TEXT NOT NULL,
  "order_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "service_id" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "order_line_id" TEXT,
  "quantity" INTEGER NOT NULL,
  "unit_price_minor" BIGINT NOT NULL,
  "subtotal_minor" BIGINT NOT NULL,
  "tax_minor" BIGINT NOT NULL,
  CONSTRAINT "order_service_line_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "order_service_line_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"."customer_order"("id") ON DELETE CASCADE,
  CONSTRAINT "order_service_line_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "orders"."order_line"("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "order_service_line_order_id_position_key" ON "orders"."order_service_line"("order_id", "position");
