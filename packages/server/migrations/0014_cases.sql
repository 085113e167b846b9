DROP INDEX "cases_worker_idx";--> statement-breakpoint
CREATE INDEX "cases_office_opened_idx" ON "cases" USING btree ("office_id","opened_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_person_idx" ON "cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cases_open_order_idx" ON "cases" USING btree (coalesce("ht_concern_at", '0001-01-01T00:00:00Z'::timestamptz) desc,"opened_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_ht_open_idx" ON "cases" USING btree ("ht_concern_at","id") WHERE "cases"."status" = 'open' and "cases"."ht_concern_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_worker_idx" ON "cases" USING btree ("worker_id","opened_at" DESC NULLS FIRST);