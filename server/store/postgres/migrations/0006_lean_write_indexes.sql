-- 0006 (PostgreSQL only): fewer index entries per booking. Each booking writes one
-- bookings row and about four outbox rows; every index of those tables is one more
-- B-tree insert per row (ExecInsertIndexTuples was a fifth of PostgreSQL's CPU in
-- bench/load/cluster.py). Indexes that only some rows need now hold only those rows.
--  - outbox_delivery (state, handed_off_at, next_attempt_at) served nothing that
--    outbox_due (state, handed_off_at, send_at) does not: every query naming a state
--    (mail claim, hand-off, failed deliveries, depth) uses outbox_due.
--  - outbox_webhook: only webhook rows (every query of it names channel = 'webhook').
--  - bookings_checkin: only bookings with a check-in code (rooms), as its one query
--    asks (checkin_code <> '').
--  - bookings_room_start: only bookings with a room, as the room calendar asks.
DROP INDEX IF EXISTS outbox_delivery;
DROP INDEX IF EXISTS outbox_webhook;
CREATE INDEX outbox_webhook ON outbox(state, recipient, booking_uid, id) WHERE channel = 'webhook';
DROP INDEX IF EXISTS bookings_checkin;
CREATE INDEX bookings_checkin ON bookings(checkin_code) WHERE checkin_code <> '';
DROP INDEX IF EXISTS bookings_room_start;
CREATE INDEX bookings_room_start ON bookings(room_id, start_s) WHERE room_id <> '';
