ALTER TABLE "referrals" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "non_acceptance_reason" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decision_explanation" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "response_priority" jsonb;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;