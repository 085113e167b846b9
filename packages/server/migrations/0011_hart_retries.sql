ALTER TABLE "hart_meetings" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "hart_team_members_active_idx" ON "hart_team_members" USING btree ("office_id","user_id") WHERE "hart_team_members"."ended_at" is null;--> statement-breakpoint
ALTER TABLE "hart_meetings" ADD CONSTRAINT "hart_meetings_idempotency_key_unique" UNIQUE("idempotency_key");