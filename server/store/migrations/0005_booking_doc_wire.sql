-- 0005: booking documents are wire/'s Booking mapping (kairos/wire/lifecycle.hpp), the
-- one JSON shape of a booking: the proposal a visit came from is "proposal", not
-- "proposal_id". Other members already had wire's names.
UPDATE bookings
   SET doc = json_set(json_remove(doc, '$.proposal_id'), '$.proposal', json_extract(doc, '$.proposal_id'))
 WHERE json_valid(doc) AND json_type(doc, '$.proposal_id') IS NOT NULL;
