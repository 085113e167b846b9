CREATE TABLE "referral_children" (
	"referral_id" uuid NOT NULL,
	"child_index" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_children_referral_id_child_index_pk" PRIMARY KEY("referral_id","child_index")
);
--> statement-breakpoint
ALTER TABLE "referral_children" ADD CONSTRAINT "referral_children_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_children" ADD CONSTRAINT "referral_children_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_children_person_idx" ON "referral_children" USING btree ("person_id");