-- The shopper's choices for delivery, on the cart itself: one row read gives the cart and them.
-- The address is one JSON object (its fields are the cart's AddressInput, validated and normalised
-- before they are written). The shipping selection is what the shopper chose, never a price: the
-- shipping context prices it whenever it is read.
ALTER TABLE "cart" ADD COLUMN "email" TEXT;
ALTER TABLE "cart" ADD COLUMN "shipping_address" JSONB;
ALTER TABLE "cart" ADD COLUMN "shipping_option_id" TEXT;
ALTER TABLE "cart" ADD COLUMN "delivery_date" DATE;
ALTER TABLE "cart" ADD COLUMN "shipping_add_on_ids" TEXT[] NOT NULL DEFAULT '{}';

-- The bounds the cart's rules apply, whatever code path writes: an email is at most 254 characters
-- (RFC 5321's path limit), an address is an object.
ALTER TABLE "cart" ADD CONSTRAINT "cart_email_length" CHECK (char_length("email") BETWEEN 3 AND 254);
ALTER TABLE "cart" ADD CONSTRAINT "cart_shipping_address_is_object" CHECK (jsonb_typeof("shipping_address") = 'object');

-- A delivery date or add-ons belong to a selected option: without one there is nothing to qualify.
ALTER TABLE "cart" ADD CONSTRAINT "cart_shipping_selection_whole" CHECK ("shipping_option_id" IS NOT NULL OR ("delivery_date" IS NULL AND cardinality("shipping_add_on_ids") = 0));
