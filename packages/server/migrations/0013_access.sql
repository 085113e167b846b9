ALTER TABLE "referral_notices" ADD COLUMN "police_contact_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decision_explanation_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "priority_override_reason_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triage_reason_sealed" text;