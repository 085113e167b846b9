DROP INDEX "people_office_idx";--> statement-breakpoint
DROP INDEX "referrals_assignment_queue_idx";--> statement-breakpoint
CREATE INDEX "people_office_created_idx" ON "people" USING btree ("office_id","created_at","id");--> statement-breakpoint
CREATE INDEX "people_created_idx" ON "people" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_assignment_queue_idx" ON "referrals" USING btree ("assigned_office_code","response_due_at","id") WHERE "referrals"."status" = 'accepted' and "referrals"."investigator_id" is null;