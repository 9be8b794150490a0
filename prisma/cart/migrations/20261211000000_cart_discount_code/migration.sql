-- The discount codes a shopper entered into a cart: as entered, in entry order (position). A code
-- is held once per cart whatever its case: code_key is its lower-case form, unique per cart.
CREATE TABLE "cart_discount_code" (
    "cart_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "code_key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cart_discount_code_pkey" PRIMARY KEY ("cart_id", "code_key")
);

-- Codes go with their cart (a guest cart deleted by housekeeping, for one).
ALTER TABLE "cart_discount_code" ADD CONSTRAINT "cart_discount_code_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "cart"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The key is the code's lower-case form whatever code path writes it, and a code is 1 to 64 characters.
ALTER TABLE "cart_discount_code" ADD CONSTRAINT "cart_discount_code_key_is_lower_code" CHECK ("code_key" = lower("code"));
ALTER TABLE "cart_discount_code" ADD CONSTRAINT "cart_discount_code_length" CHECK (char_length("code") BETWEEN 1 AND 64);

-- Entry order within a cart.
CREATE UNIQUE INDEX "cart_discount_code_cart_id_position_key" ON "cart_discount_code"("cart_id", "position");
