-- Visit files: a signature is named inside aid_delivery.acknowledgement (ZAcknowledgement,
-- {"kind":"signed","signatureSha256":…}); a download asks which deliveries name it, so that
-- lookup gets an index (partial: most acknowledgements of a campaign are signatures, none of
-- the witnessed ones need it).
CREATE INDEX aid_delivery_signature_idx ON aid_delivery ((acknowledgement ->> 'signatureSha256'))
  WHERE acknowledgement ->> 'kind' = 'signed';

-- Ending a lost phone's sessions (issue 10, point 5). An admin sees an account's live sessions
-- with where each was last used (written at most every few minutes, not on every request), and
-- a request from a session ended by anyone but its own sign-out is told so (401 session_ended),
-- so the phone keeps its unsent visits and asks for a new sign-in instead of a plain "sign in".
ALTER TABLE session ADD COLUMN last_seen_at timestamptz;
ALTER TABLE session ADD COLUMN last_ip text;
ALTER TABLE session ADD COLUMN end_reason text CHECK (end_reason IN ('logout', 'ended_by_admin', 'account_changed'));
