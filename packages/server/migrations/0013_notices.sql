ALTER TABLE "documents" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "previous_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "origin_allegation" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_previous_id_documents_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_previous_idx" ON "documents" USING btree ("previous_id");--> statement-breakpoint
-- OG-3: the allegation of the open case each earlier Careline referral reports (1: the first HT concern).
UPDATE "referrals" r SET "origin_allegation" = 1 FROM "cases" c WHERE r."origin_type" = 'case' AND c."id" = r."origin_id" AND c."red_flags"->>'referralId' = r."id"::text;--> statement-breakpoint
UPDATE "referrals" r SET "origin_allegation" = a."seq" FROM "case_allegations" a WHERE r."origin_type" = 'case' AND a."referral_id" = r."id";
