-- The stream entry id an event got when the relay last published it. After Redis restarts, the
-- relay looks for the newest of these in the stream to tell what Redis lost (libs/outbox).
ALTER TABLE "outbox_event" ADD COLUMN "stream_entry_id" TEXT;

-- Published rows are deleted once older than OUTBOX_RETENTION.
CREATE INDEX "outbox_event_published_at_idx" ON "outbox_event"("published_at");
