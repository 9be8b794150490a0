-- Services the shop sells with the goods, as data: FOR_LINE offers go with a cart line of a product
-- whose category offers them (installation, assembly), STANDALONE ones once per cart (gift wrap).
-- Ids are chosen by whoever writes the offer (the seed's are stable names), because carts keep them.
CREATE TYPE "ServiceKind" AS ENUM ('FOR_LINE', 'STANDALONE');

CREATE TABLE "service_offer" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" "ServiceKind" NOT NULL,
    "price_minor" INTEGER NOT NULL,
    "currency_code" CHAR(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "service_offer_pkey" PRIMARY KEY ("id"),
    -- The bound of a product's unit price (price_bound): a price always fits INTEGER.
    CONSTRAINT "service_offer_price_range" CHECK ("price_minor" BETWEEN 0 AND 99999999)
);

-- The categories a FOR_LINE offer is sold with. Rows go with their offer or category.
CREATE TABLE "service_offer_category" (
    "service_offer_id" TEXT NOT NULL,
    "category_id" TEXT NOT NULL,
    CONSTRAINT "service_offer_category_pkey" PRIMARY KEY ("service_offer_id", "category_id")
);

-- Product.services reads the offers of a batch of categories.
CREATE INDEX "service_offer_category_category_id_idx" ON "service_offer_category"("category_id");

ALTER TABLE "service_offer_category" ADD CONSTRAINT "service_offer_category_service_offer_id_fkey" FOREIGN KEY ("service_offer_id") REFERENCES "service_offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "service_offer_category" ADD CONSTRAINT "service_offer_category_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE CASCADE;
