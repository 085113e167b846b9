CREATE TABLE "partner_agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"town_name" text,
	"region_code" text,
	"judicial_district_code" text,
	"email" text NOT NULL,
	"phone" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partner_agencies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "partner_agencies" ADD CONSTRAINT "partner_agencies_town_name_towns_name_fk" FOREIGN KEY ("town_name") REFERENCES "public"."towns"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agencies" ADD CONSTRAINT "partner_agencies_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agencies" ADD CONSTRAINT "partner_agencies_judicial_district_code_judicial_districts_code_fk" FOREIGN KEY ("judicial_district_code") REFERENCES "public"."judicial_districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_agencies_kind_idx" ON "partner_agencies" USING btree ("kind");