ALTER TABLE "referrals" ADD COLUMN "triage_wanted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "referral_notices_outbox_idx" ON "referral_notices" USING btree ("outbox_message_id");--> statement-breakpoint
CREATE INDEX "referrals_updated_idx" ON "referrals" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "referrals_status_updated_idx" ON "referrals" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "referrals_office_updated_idx" ON "referrals" USING btree ("office_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_investigator_idx" ON "referrals" USING btree ("investigator_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "referrals_origin_idx" ON "referrals" USING btree ("origin_type","origin_id");--> statement-breakpoint
CREATE INDEX "referrals_assignment_queue_idx" ON "referrals" USING btree ("assigned_office_code","response_due_at","id");--> statement-breakpoint
-- Issue 11: the submitted-order sort of the referral list (a draft sorts by when it was started).
CREATE INDEX "referrals_submitted_idx" ON "referrals" USING btree ((coalesce("submitted_at", "created_at")), "id");--> statement-breakpoint
-- DR-1: the HART Director's queue reads the flag through this partial index, untriaged first, newest submitted first.
CREATE INDEX "referrals_triage_queue_idx" ON "referrals" USING btree ((CASE WHEN "triaged_at" IS NULL THEN 0 ELSE 1 END), (coalesce("submitted_at", "created_at")) DESC, "id") WHERE "triage_wanted" AND "status" <> 'draft';--> statement-breakpoint
-- The flag: HT characteristics, or a DCF-737 notice with its e-mail (the queue's rule, DR-1), kept by the writes.
CREATE OR REPLACE FUNCTION "referrals_set_triage_wanted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."triage_wanted" := NEW."ht_characteristics" OR EXISTS (
    SELECT 1 FROM "referral_notices" n WHERE n."referral_id" = NEW."id" AND n."means" = 'dcf737' AND n."outbox_message_id" IS NOT NULL);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "referrals_triage_wanted" BEFORE INSERT OR UPDATE OF "ht_characteristics" ON "referrals"
  FOR EACH ROW EXECUTE FUNCTION "referrals_set_triage_wanted"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "referral_notices_set_triage_wanted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."means" = 'dcf737' AND NEW."outbox_message_id" IS NOT NULL THEN
    UPDATE "referrals" SET "triage_wanted" = true WHERE "id" = NEW."referral_id" AND NOT "triage_wanted";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "referral_notices_triage_wanted" AFTER INSERT OR UPDATE OF "outbox_message_id", "means" ON "referral_notices"
  FOR EACH ROW EXECUTE FUNCTION "referral_notices_set_triage_wanted"();--> statement-breakpoint
UPDATE "referrals" r SET "triage_wanted" = r."ht_characteristics" OR EXISTS (
  SELECT 1 FROM "referral_notices" n WHERE n."referral_id" = r."id" AND n."means" = 'dcf737' AND n."outbox_message_id" IS NOT NULL);
