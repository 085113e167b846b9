DROP INDEX "people_office_idx";--> statement-breakpoint
DROP INDEX "referrals_assignment_queue_idx";--> statement-breakpoint
CREATE INDEX "people_office_created_idx" ON "people" USING btree ("office_id","created_at","id");--> statement-breakpoint
CREATE INDEX "people_created_idx" ON "people" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_assignment_queue_idx" ON "referrals" USING btree ("assigned_office_code","response_due_at","id") WHERE "referrals"."status" = 'accepted' and "referrals"."investigator_id" is null;--> statement-breakpoint
-- Issue 11: Harbor looks at every start for values written in plain text before their columns
-- were sealed (referrals/sealed-fields.ts, sealPlainFields); these partial indexes hold only such
-- rows (none, once sealed), so the look is instant at any history instead of a scan of both tables.
CREATE INDEX "referrals_plain_fields_idx" ON "referrals" USING btree ("id") WHERE "decision_explanation" is not null or "triage_reason" is not null or ("response_priority" -> 'override' -> 'reason') is not null;--> statement-breakpoint
CREATE INDEX "referral_notices_plain_fields_idx" ON "referral_notices" USING btree ("id") WHERE "officer_name" is not null or "badge_number" is not null or "police_case_number" is not null;--> statement-breakpoint
-- So the planner knows how rare a plain override reason is (without it, it guesses "most rows").
CREATE STATISTICS "referrals_override_reason_stats" ON (("response_priority" -> 'override' -> 'reason')) FROM "referrals";--> statement-breakpoint
-- Issue 11: the "Notices not delivered" queue (referrals/notice-problems.ts) reads the unsent
-- failures and escalations in its own order, a page at a time, instead of sorting them all.
CREATE INDEX "outbox_notice_problems_idx" ON "outbox_messages" USING btree ((coalesce("escalated_at", 'infinity'::timestamptz)), "created_at") WHERE "status" in ('queued', 'sending', 'failed_retrying', 'failed', 'held_no_transport') and ("escalated_at" is not null or "status" = 'failed');
