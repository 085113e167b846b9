-- Encryption at rest (DESIGN: narratives and children's identifying fields sealed with
-- AES-256-GCM, searched by keyed blind indexes). The plaintext columns go; their sealed
-- replacements are written by the application, which alone holds the key.
-- There is no production data yet. Plaintext rows of development databases cannot be sealed
-- here (the key never reaches the database), so referrals (with their notices and children)
-- and people are cleared; delete the data folder to have the demo agency seeded again.
DELETE FROM "referral_children";--> statement-breakpoint
DELETE FROM "referral_notices";--> statement-breakpoint
DELETE FROM "assignments" WHERE "record_type" IN ('person', 'referral');--> statement-breakpoint
DELETE FROM "referrals";--> statement-breakpoint
DELETE FROM "people";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "first_name";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "last_name";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "aliases";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "date_of_birth";--> statement-breakpoint
ALTER TABLE "referrals" DROP COLUMN "draft";--> statement-breakpoint
CREATE TABLE "person_match_keys" (
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "person_match_keys_person_id_kind_hash_pk" PRIMARY KEY("person_id","kind","hash")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "identity" text NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "draft_sealed" text NOT NULL;--> statement-breakpoint
ALTER TABLE "person_match_keys" ADD CONSTRAINT "person_match_keys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_match_keys_lookup_idx" ON "person_match_keys" USING btree ("kind","hash");