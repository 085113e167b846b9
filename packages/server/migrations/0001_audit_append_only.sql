-- The audit trail is append-only. Row ids come from a sequence taken while the chain lock is held
-- (see audit/writer.ts), so id order is chain order.
CREATE SEQUENCE IF NOT EXISTS audit_events_id_seq AS bigint;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbor_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION harbor_audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION harbor_audit_refuse_change();
--> statement-breakpoint
-- Where the application's role is not the table's owner, it gets no UPDATE/DELETE either.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
