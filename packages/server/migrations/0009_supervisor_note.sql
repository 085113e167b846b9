ALTER TABLE "referrals" ADD COLUMN "supervisor_note_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "supervisor_note_at" timestamp with time zone;