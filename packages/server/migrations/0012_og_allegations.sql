CREATE TABLE "case_allegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_by" uuid NOT NULL,
	"indicators" jsonb NOT NULL,
	"assessment_sealed" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"referral_id" uuid,
	"consult_id" uuid,
	"consult_requested" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "case_notices_key_idx";--> statement-breakpoint
ALTER TABLE "case_notices" ADD COLUMN "allegation" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_allegations" ADD CONSTRAINT "case_allegations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allegations" ADD CONSTRAINT "case_allegations_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allegations" ADD CONSTRAINT "case_allegations_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allegations" ADD CONSTRAINT "case_allegations_consult_id_consults_id_fk" FOREIGN KEY ("consult_id") REFERENCES "public"."consults"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_allegations_seq_idx" ON "case_allegations" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "case_allegations_key_idx" ON "case_allegations" USING btree ("case_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "case_notices_key_idx" ON "case_notices" USING btree ("case_id","allegation","key");