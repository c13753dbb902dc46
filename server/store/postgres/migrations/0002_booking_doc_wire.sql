-- 0002 (PostgreSQL; SQLite's 0005): booking documents are wire/'s Booking mapping, the
-- proposal a visit came from is "proposal", not "proposal_id".
UPDATE bookings
   SET doc = ((doc::jsonb - 'proposal_id') || jsonb_build_object('proposal', doc::jsonb -> 'proposal_id'))::text
 WHERE doc::jsonb ? 'proposal_id';
