-- The built-in test provider's own records, kept in the database so they survive a restart and are
-- shared by every payment process: its charges (idempotent per key), its refunds, and the webhooks
-- it has yet to deliver. A real provider keeps these on its side.
CREATE TABLE "payment"."test_provider_charge" (
    "provider_ref" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency_code" CHAR(3) NOT NULL,
    "status" TEXT NOT NULL,
    "answered_status" TEXT NOT NULL,
    "failure_code" TEXT,
    "client_secret" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "test_provider_charge_pkey" PRIMARY KEY ("provider_ref")
);
CREATE UNIQUE INDEX "test_provider_charge_idempotency_key_key" ON "payment"."test_provider_charge"("idempotency_key");

CREATE TABLE "payment"."test_provider_refund" (
    "refund_ref" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "provider_ref" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "test_provider_refund_pkey" PRIMARY KEY ("refund_ref")
);
CREATE UNIQUE INDEX "test_provider_refund_idempotency_key_key" ON "payment"."test_provider_refund"("idempotency_key");

-- completes_action: sending this webhook is the moment the customer completes 3-D Secure.
CREATE TABLE "payment"."test_provider_webhook" (
    "id" TEXT NOT NULL,
    "provider_ref" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "completes_action" BOOLEAN NOT NULL DEFAULT false,
    "due_at" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "delivered_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "test_provider_webhook_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "test_provider_webhook_pending_idx" ON "payment"."test_provider_webhook"("due_at") WHERE "delivered_at" IS NULL;
CREATE INDEX "test_provider_webhook_provider_ref_idx" ON "payment"."test_provider_webhook"("provider_ref");
