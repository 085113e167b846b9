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
