-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "cart";

-- CreateEnum
CREATE TYPE "CartStatus" AS ENUM ('ACTIVE', 'MERGED', 'CHECKED_OUT');

-- CreateTable
CREATE TABLE "cart" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "status" "CartStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cart_line" (
    "id" TEXT NOT NULL,
    "cart_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_line_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cart_owner_id_idx" ON "cart"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "cart_line_cart_id_product_id_key" ON "cart_line"("cart_id", "product_id");

-- AddForeignKey
ALTER TABLE "cart_line" ADD CONSTRAINT "cart_line_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "cart"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: at most one ACTIVE cart per owner, so concurrent first requests converge on one cart.
CREATE UNIQUE INDEX "cart_one_active_per_owner" ON "cart"("owner_id") WHERE "status" = 'ACTIVE';

-- Hand-written: the per-line quantity rule holds in the database too, whatever the code path.
ALTER TABLE "cart_line" ADD CONSTRAINT "cart_line_quantity_range" CHECK ("quantity" BETWEEN 1 AND 999);
