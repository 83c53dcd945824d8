-- The resident page (群众诉求 · 扫码反映, issue 11 point 9).
-- A tracking code (查询码) is looked up by its first four characters only, and the candidates'
-- full codes are compared in constant time in the server: the database never compares the
-- secret part, so the time of a look-up cannot tell how much of a guessed code was right.
CREATE INDEX resident_case_tracking_prefix_idx ON resident_case (county_code, left(tracking_code, 4));

-- Expired human checks are swept when new ones are issued.
CREATE INDEX public_challenge_expires_idx ON public_challenge (expires_at);
