-- 吹哨 (#15): a liaison's reply, or the office marking an escalation handled, appears in the
-- company's order timeline and notifies the company's admins.
--
-- The liaison's transaction sets app.street_office_id and no tenant, and no policy lets it write
-- the company's WorkOrderEvent or Notification rows. Widening RLS for that (a liaison INSERT
-- policy on those tables) would let a liaison's request write any timeline entry or notification
-- to any order or user of a company it can name. This function instead writes exactly the echo of
-- one row the office itself wrote: it runs only in a street office's transaction, only for an
-- escalation of that office, copies the reply's own body and author (or, for "handled", the
-- escalation's status and an active liaison of the office), is idempotent (the timeline row's id
-- is the reply's; a second call writes nothing), and notifies only the company's active admins.
-- The notification's words come from the caller (the server translates them in the company's
-- language); the liaison never chooses recipients or the order.
CREATE OR REPLACE FUNCTION linli_street_echo(
  p_tenant_id text, p_escalation_id text, p_reply_id text, p_actor_id text,
  p_title text, p_body text, p_link text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_office text := nullif(current_setting('app.street_office_id', true), '');
  v_order text;
  v_status text;
  v_note text;
  v_actor text;
  v_event text;
  v_kind text;
  v_action text;
  v_n integer;
BEGIN
  IF v_office IS NULL OR nullif(current_setting('app.tenant_id', true), '') IS NOT NULL THEN
    RAISE EXCEPTION 'linli_street_echo: only in a street office''s transaction';
  END IF;
  SELECT e."orderId", e."status"::text INTO v_order, v_status
  FROM "StreetEscalation" e
  WHERE e."tenantId" = p_tenant_id AND e."id" = p_escalation_id AND e."officeId" = v_office;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'linli_street_echo: no such escalation of this office';
  END IF;
  IF p_reply_id IS NOT NULL THEN
    SELECT r."body", r."authorId" INTO v_note, v_actor
    FROM "StreetReply" r
    WHERE r."tenantId" = p_tenant_id AND r."id" = p_reply_id AND r."escalationId" = p_escalation_id AND r."officeId" = v_office;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'linli_street_echo: no such reply of this office';
    END IF;
    v_event := p_reply_id;
    v_kind := 'street_reply';
    v_action := NULL;
  ELSE
    IF v_status <> 'HANDLED' THEN
      RAISE EXCEPTION 'linli_street_echo: the escalation is not handled';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM "StreetLiaison" l
                   WHERE l."officeId" = v_office AND l."userId" = p_actor_id AND l."disabledAt" IS NULL) THEN
      RAISE EXCEPTION 'linli_street_echo: not a liaison of this office';
    END IF;
    v_note := '';
    v_actor := p_actor_id;
    v_event := 'handled-' || p_escalation_id;
    v_kind := 'escalation';
    v_action := 'handled';
  END IF;

  INSERT INTO "WorkOrderEvent" ("tenantId", "id", "orderId", "kind", "action", "note", "actorId", "actorRole")
  VALUES (p_tenant_id, v_event, v_order, v_kind, v_action, v_note, v_actor, 'LIAISON')
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  IF v_n = 0 THEN
    RETURN 0;
  END IF;

  INSERT INTO "Notification" ("tenantId", "id", "userId", "kind", "title", "body", "link")
  SELECT p_tenant_id, gen_random_uuid()::text, m."userId", 'workorder.street', p_title, p_body, coalesce(p_link, '')
  FROM "Membership" m
  WHERE m."tenantId" = p_tenant_id AND m."role" = 'ADMIN' AND m."status" = 'ACTIVE';
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END
$$;

REVOKE ALL ON FUNCTION linli_street_echo(text, text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_street_echo(text, text, text, text, text, text, text) TO linli_app;
