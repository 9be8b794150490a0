-- The services a shopper added to a cart: to one of its lines (installation of a washing machine),
-- or to the cart itself (line_id NULL: gift wrap). service_id names the catalog's service offer,
-- which the catalog judged available when it was added.
CREATE TABLE "cart_service_line" (
    "id" TEXT NOT NULL,
    "cart_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "line_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cart_service_line_pkey" PRIMARY KEY ("id")
);

-- Service lines go with their cart (a guest cart deleted by housekeeping) and with their line.
ALTER TABLE "cart_service_line" ADD CONSTRAINT "cart_service_line_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "cart"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cart_service_line" ADD CONSTRAINT "cart_service_line_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "cart_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A service at most once per line, and a standalone service at most once per cart (NULL line ids
-- never conflict in the first index, hence the second). These decide between racing adds.
CREATE UNIQUE INDEX "cart_service_line_line_id_service_id_key" ON "cart_service_line"("line_id", "service_id");
CREATE UNIQUE INDEX "cart_service_line_standalone_key" ON "cart_service_line"("cart_id", "service_id") WHERE "line_id" IS NULL;

-- A cart's service lines, read with the cart.
CREATE INDEX "cart_service_line_cart_id_idx" ON "cart_service_line"("cart_id");
