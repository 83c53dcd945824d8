-- Notifications to residents (issue 11): a case sent back to its unit after the resident said
-- "not solved" (重办) is announced too, so the outbox's kinds gain 'reopened'.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN ('accepted', 'resolved', 'callback', 'reopened', 'reminder'));
-- The county admin's list, newest first.
CREATE INDEX notification_outbox_county_idx ON notification_outbox (county_code, id DESC);
-- The sender's scan for steps to announce reads the last day's steps of these kinds.
CREATE INDEX case_event_notify_idx ON case_event (at) WHERE kind IN ('accept', 'resolve', 'callback', 'reopen');
