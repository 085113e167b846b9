-- Issue 10 (notices).
ALTER TABLE "documents" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "previous_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "origin_allegation" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_previous_id_documents_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_previous_idx" ON "documents" USING btree ("previous_id");--> statement-breakpoint
-- OG-3: the allegation of the open case each earlier Careline referral reports (1: the first HT concern).
UPDATE "referrals" r SET "origin_allegation" = 1 FROM "cases" c WHERE r."origin_type" = 'case' AND c."id" = r."origin_id" AND c."red_flags"->>'referralId' = r."id"::text;--> statement-breakpoint
UPDATE "referrals" r SET "origin_allegation" = a."seq" FROM "case_allegations" a WHERE r."origin_type" = 'case' AND a."referral_id" = r."id";
--> statement-breakpoint
-- Issue 10 (access).
ALTER TABLE "referral_notices" ADD COLUMN "police_contact_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decision_explanation_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "priority_override_reason_sealed" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "triage_reason_sealed" text;
--> statement-breakpoint
-- Issue 10 (keys).
CREATE TABLE "data_key_check" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"check_value" text NOT NULL,
	"previous_check_value" text,
	"rotation_done" integer DEFAULT 0 NOT NULL,
	"rotation_total" integer DEFAULT 0 NOT NULL,
	"rotation_started_at" timestamp with time zone,
	"rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- One row only.
ALTER TABLE "data_key_check" ADD CONSTRAINT "data_key_check_one_row" CHECK ("id" = 1);
--> statement-breakpoint
-- Documents stay immutable, except that `harbor keys rotate` re-seals their bytes under a new data
-- key: only `bytes` may change, and only in a transaction that says it is re-keying
-- (`set local harbor.rekey = 'on'`). The document's SHA-256 is of its content, which does not change.
CREATE OR REPLACE FUNCTION harbor_document_refuse_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('harbor.rekey', true), '') = 'on'
     AND (to_jsonb(NEW) - 'bytes') = (to_jsonb(OLD) - 'bytes') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'documents are immutable: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Issue 10 (approvals).
CREATE TABLE "approval_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid,
	"target_key" text NOT NULL,
	"target_label" text NOT NULL,
	"target_version" integer,
	"change" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_pending_target_idx" ON "approval_requests" USING btree ("target_key") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "approval_requests_status_idx" ON "approval_requests" USING btree ("status","requested_at");--> statement-breakpoint
-- OG-2: the open case's phone call to local police, recorded on its case_notices row (officer's name, badge and police case number sealed, CF-1).
ALTER TABLE "case_notices" ADD COLUMN "called_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_notices" ADD COLUMN "police_contact_sealed" text;--> statement-breakpoint
ALTER TABLE "case_notices" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
