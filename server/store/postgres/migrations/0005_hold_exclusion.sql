-- 0005 (PostgreSQL only): the database forbids overlaps between live bookings and the
-- holds of open proposals too, not only between bookings (0001). Holds live in the
-- proposal's document (token_docs, kind 'proposal'); a trigger mirrors them into
-- booking_hosts as rows of status 'held', so one exclusion constraint sees both:
--  - a hold row per (candidate, host): booking_uid is the hold id "<proposal>#<i>",
--    room_id '', span the candidate's time (holds have no buffers);
--  - a hold row per candidate for its room when the proposal names exactly one room:
--    host_id '', room_id that room.
-- Which pairs conflict, as the core decides them (core/proposal check_candidates,
-- core/slots), and so what the constraints refuse:
--  - host: a booking against a hold, a hold against another proposal's hold, a booking
--    against a booking (as before). Candidates of one proposal may overlap each other
--    (10:00–11:00 and 10:30–11:30 offered together): rows of one group, the part of
--    booking_uid before '#', never conflict (grp WITH <>). A booking's span keeps half
--    of its buffers (0001), a hold has none, so the constraint refuses only pairs the
--    core refuses too.
--  - room: a booking against a hold of its room, on the times themselves (the core
--    checks rooms without buffers). Holds against holds of a room are not refused:
--    proposals naming several rooms need only one of them free, so two may name the
--    same room at once (held WITH <>: a hold never conflicts with a hold). With several
--    rooms, "one stays free" is no pairwise rule, so those holds have no room rows and
--    the core alone keeps them (under the transaction's room locks).
-- A proposal whose holds would overlap is refused with 23P01 → 409 slot_unavailable.
ALTER TABLE booking_hosts DROP CONSTRAINT IF EXISTS booking_hosts_booking_uid_fkey;  -- hold rows name holds
ALTER TABLE booking_hosts ADD COLUMN grp text GENERATED ALWAYS AS (split_part(booking_uid, '#', 1)) STORED;
ALTER TABLE booking_hosts ADD COLUMN held integer GENERATED ALWAYS AS (CASE WHEN status = 'held' THEN 1 ELSE 0 END) STORED;
ALTER TABLE booking_hosts DROP CONSTRAINT booking_hosts_no_overlap;
ALTER TABLE booking_hosts ADD CONSTRAINT booking_hosts_no_overlap EXCLUDE USING gist (host_id WITH =, span WITH &&, grp WITH <>)
  WHERE (host_id <> '' AND status IN ('pending', 'approved', 'rescheduled', 'held'));
ALTER TABLE booking_hosts ADD CONSTRAINT booking_hosts_room_held EXCLUDE USING gist
  (room_id WITH =, (int8range(start_s, end_s)) WITH &&, held WITH <>)
  WHERE (room_id <> '' AND status IN ('pending', 'approved', 'rescheduled', 'held'));
CREATE INDEX booking_hosts_held ON booking_hosts(grp) WHERE status = 'held';

CREATE FUNCTION kairos_proposal_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM booking_hosts WHERE status = 'held' AND grp = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state = 'open' THEN
    INSERT INTO booking_hosts(host_id, start_s, booking_uid, end_s, status, room_id)
    SELECT x.host_id, x.s, x.id, x.e, 'held', x.room_id FROM (
      SELECT host.value AS host_id, '' AS room_id, h ->> 'id' AS id,
             extract(epoch FROM (h ->> 'start')::timestamptz)::bigint AS s,
             extract(epoch FROM (h ->> 'end')::timestamptz)::bigint AS e
        FROM jsonb_array_elements(coalesce(NEW.doc::jsonb -> 'holds', '[]')) AS h,
             jsonb_array_elements_text(coalesce(h -> 'hosts', '[]')) AS host
      UNION ALL
      SELECT '', h -> 'rooms' ->> 0, h ->> 'id',
             extract(epoch FROM (h ->> 'start')::timestamptz)::bigint,
             extract(epoch FROM (h ->> 'end')::timestamptz)::bigint
        FROM jsonb_array_elements(coalesce(NEW.doc::jsonb -> 'holds', '[]')) AS h
       WHERE jsonb_array_length(coalesce(h -> 'rooms', '[]')) = 1) AS x
     WHERE x.id LIKE NEW.id || '#%';  -- a hold's id names its proposal (grp)
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER token_docs_holds AFTER INSERT OR UPDATE ON token_docs
  FOR EACH ROW WHEN (NEW.kind = 'proposal') EXECUTE FUNCTION kairos_proposal_holds();
CREATE TRIGGER token_docs_holds_gone AFTER DELETE ON token_docs
  FOR EACH ROW WHEN (OLD.kind = 'proposal') EXECUTE FUNCTION kairos_proposal_holds();

-- The holds of proposals open now. One stored before this migration that overlaps
-- (the core let candidates overlap other holds until issue 10) keeps its document and
-- is checked by the core only; the start-up must not fail on it.
DO $$
DECLARE d record;
BEGIN
  FOR d IN SELECT kind, id FROM token_docs WHERE kind = 'proposal' AND state = 'open' ORDER BY created_at, id LOOP
    BEGIN
      UPDATE token_docs SET doc = doc WHERE kind = d.kind AND id = d.id;
    EXCEPTION WHEN exclusion_violation THEN
      RAISE WARNING 'proposal % keeps holds that overlap others; not in the constraint', d.id;
    END;
  END LOOP;
END $$;
