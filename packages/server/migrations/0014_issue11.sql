-- Issue 11. Times to the millisecond (the precision of the JavaScript Date the server reads them
-- into), so a page cursor holding a row's time compares equal to it. The audit trail's occurred_at
-- is left as it was.
ALTER TABLE "approval_requests" ALTER COLUMN "requested_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "decided_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "ended_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "case_allegations" ALTER COLUMN "raised_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "case_allegations" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "case_allegations" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "case_notices" ALTER COLUMN "called_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "case_notices" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "case_notices" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "opened_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "closed_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "ht_concern_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "requested_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "held_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "overridden_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "entered_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "consults" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "rotation_started_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "rotated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "data_key_check" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "hart_meetings" ALTER COLUMN "held_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "hart_meetings" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "hart_meetings" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "hart_team_members" ALTER COLUMN "added_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "hart_team_members" ALTER COLUMN "ended_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligation_events" ALTER COLUMN "at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "due_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "reminded_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "overdue_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "escalated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "next_check_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "resolved_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "obligations" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "next_attempt_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "last_attempt_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "sent_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "acknowledged_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "ack_expires_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "escalated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "partner_agencies" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "partner_agencies" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "partner_agencies" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "partner_agencies" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "referral_children" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referral_children" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "referral_notices" ALTER COLUMN "called_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referral_notices" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referral_notices" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "received_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "submitted_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "decided_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "approved_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "supervisor_note_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "response_due_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "assigned_office_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "investigator_assigned_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "triaged_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "last_seen_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "expires_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ALTER COLUMN "last_failure_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ALTER COLUMN "locked_until" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "requested_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "answered_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "escalated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "director_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "support_requests" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "system_secrets" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "system_secrets" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "disabled_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "last_sign_in_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "updated_at" SET DEFAULT now();
--> statement-breakpoint
-- Issue 11, admin: indexes (and what they need) for the lists of this part.
DROP INDEX "approval_requests_status_idx";--> statement-breakpoint
DROP INDEX "audit_user_idx";--> statement-breakpoint
CREATE INDEX "audit_detail_ids_idx" ON "audit_events" USING gin (("detail" -> 'ids'));--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role","user_id");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "users_office_name_idx" ON "users" USING btree ("office_id","display_name","id");--> statement-breakpoint
CREATE INDEX "approval_requests_status_idx" ON "approval_requests" USING btree ("status","requested_at","id");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_events" USING btree ("user_id","id" DESC NULLS LAST);
--> statement-breakpoint
-- Issue 11, cases: indexes (and what they need) for the lists of this part.
DROP INDEX "cases_worker_idx";--> statement-breakpoint
CREATE INDEX "cases_office_opened_idx" ON "cases" USING btree ("office_id","opened_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_person_idx" ON "cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cases_open_order_idx" ON "cases" USING btree (coalesce("ht_concern_at", '0001-01-01T00:00:00Z'::timestamptz) desc,"opened_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_ht_open_idx" ON "cases" USING btree ("ht_concern_at","id") WHERE "cases"."status" = 'open' and "cases"."ht_concern_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_worker_idx" ON "cases" USING btree ("worker_id","opened_at" DESC NULLS FIRST);
--> statement-breakpoint
-- Issue 11, hart: indexes (and what they need) for the lists of this part.
CREATE INDEX "consults_queue_idx" ON "consults" USING btree ((case status when 'requested' then 0 when 'held' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "consults_office_queue_idx" ON "consults" USING btree ("office_id",(case status when 'requested' then 0 when 'held' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "consults_subject_id_idx" ON "consults" USING btree ("subject_id","requested_at");--> statement-breakpoint
CREATE INDEX "consults_requested_at_idx" ON "consults" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "consults_waiting_idx" ON "consults" USING btree ("requested_at","id") WHERE status = 'requested' and held_at is null;--> statement-breakpoint
CREATE INDEX "obligations_unresolved_due_idx" ON "obligations" USING btree ("due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_owner_user_due_idx" ON "obligations" USING btree ("owner_user_id","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_owner_role_due_idx" ON "obligations" USING btree ("owner_office_id","owner_role","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_office_due_idx" ON "obligations" USING btree ("office_id","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "support_requests_queue_idx" ON "support_requests" USING btree ((case status when 'escalated' then 0 when 'open' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "support_requests_requester_idx" ON "support_requests" USING btree ("requested_by","requested_at");
--> statement-breakpoint
-- Issue 11, refs: indexes (and what they need) for the lists of this part.
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
