-- Who asked for a delivery to be processed when it was not the platform: the operator who
-- replayed it. Plans it starts carry that name, so the same person cannot approve them.
ALTER TABLE delivery ADD COLUMN requested_by VARCHAR(200);
