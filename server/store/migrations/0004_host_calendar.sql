-- 0004: a host's calendar clustered by (host, start) and carrying what the slot engine
-- needs (end, status, room, every attending host, buffers), so checking a booking reads
-- one contiguous key range and no booking rows. Rewritten with each booking change.
ALTER TABLE booking_hosts RENAME TO booking_hosts_0001;
CREATE TABLE booking_hosts (
  host_id           TEXT NOT NULL,
  start_s           INTEGER NOT NULL,
  booking_uid       TEXT NOT NULL,
  end_s             INTEGER NOT NULL,
  status            TEXT NOT NULL,
  room_id           TEXT NOT NULL DEFAULT '',
  host_ids          TEXT NOT NULL DEFAULT '',
  buffer_before_min INTEGER NOT NULL DEFAULT 0,
  buffer_after_min  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (host_id, start_s, booking_uid)
) WITHOUT ROWID;
CREATE INDEX booking_hosts_booking ON booking_hosts(booking_uid);
INSERT OR IGNORE INTO booking_hosts(host_id, start_s, booking_uid, end_s, status, room_id, host_ids,
                                    buffer_before_min, buffer_after_min)
  SELECT h.host_id, b.start_s, b.uid, b.end_s, b.status, b.room_id, b.host_ids, b.buffer_before_min, b.buffer_after_min
  FROM booking_hosts_0001 h JOIN bookings b ON b.uid = h.booking_uid;
DROP TABLE booking_hosts_0001;
