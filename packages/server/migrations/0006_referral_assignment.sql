ALTER TABLE "referrals" ADD COLUMN "assigned_office_code" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "assigned_office_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "investigator_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "investigator_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triage_outcomes" jsonb;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triage_reason" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triaged_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_assigned_office_code_offices_code_fk" FOREIGN KEY ("assigned_office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_investigator_id_users_id_fk" FOREIGN KEY ("investigator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_assigned_office_idx" ON "referrals" USING btree ("assigned_office_code","status");