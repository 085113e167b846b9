CREATE INDEX "consults_queue_idx" ON "consults" USING btree ((case status when 'requested' then 0 when 'held' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "consults_office_queue_idx" ON "consults" USING btree ("office_id",(case status when 'requested' then 0 when 'held' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "consults_subject_id_idx" ON "consults" USING btree ("subject_id","requested_at");--> statement-breakpoint
CREATE INDEX "consults_requested_at_idx" ON "consults" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "consults_waiting_idx" ON "consults" USING btree ("requested_at","id") WHERE status = 'requested' and held_at is null;--> statement-breakpoint
CREATE INDEX "obligations_unresolved_due_idx" ON "obligations" USING btree ("due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_owner_user_due_idx" ON "obligations" USING btree ("owner_user_id","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_owner_role_due_idx" ON "obligations" USING btree ("owner_office_id","owner_role","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "obligations_office_due_idx" ON "obligations" USING btree ("office_id","due_at","id") WHERE state in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "support_requests_queue_idx" ON "support_requests" USING btree ((case status when 'escalated' then 0 when 'open' then 1 else 2 end),"requested_at","id");--> statement-breakpoint
CREATE INDEX "support_requests_requester_idx" ON "support_requests" USING btree ("requested_by","requested_at");