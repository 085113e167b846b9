-- Issue 11: wake every server instance's delivery worker when mail is queued, not at its next poll.
-- NOTIFY is delivered by PostgreSQL at commit, and only if the transaction commits; several rows
-- queued in one transaction send one notification (identical payloads are folded). The payload is
-- empty: no message id, address or subject travels on the channel.
CREATE FUNCTION harbor_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'queued' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
    PERFORM pg_notify('harbor_outbox', '');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_messages_notify AFTER INSERT OR UPDATE OF status ON outbox_messages FOR EACH ROW EXECUTE FUNCTION harbor_outbox_notify();
