DROP INDEX "approval_requests_status_idx";--> statement-breakpoint
DROP INDEX "audit_user_idx";--> statement-breakpoint
CREATE INDEX "audit_detail_ids_idx" ON "audit_events" USING gin (("detail" -> 'ids'));--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role","user_id");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "users_office_name_idx" ON "users" USING btree ("office_id","display_name","id");--> statement-breakpoint
CREATE INDEX "approval_requests_status_idx" ON "approval_requests" USING btree ("status","requested_at","id");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_events" USING btree ("user_id","id" DESC NULLS LAST);