-- Policy publicity (issue 12, point 3): the county's link from a questionnaire's awareness item
-- to the policy catalogue. A question names its policy itself (`policyCode` in the definition)
-- from now on; versions published before that (frozen, never edited) get their link here, per
-- county and question code, edited by the county admin (audited). The definition's own code wins.
CREATE TABLE policy_question_link (
  county_code    text NOT NULL,
  question_code  text NOT NULL,
  policy_code    text NOT NULL REFERENCES policy (code),
  updated_by     bigint REFERENCES app_user (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, question_code)
);
-- The visits that explained a policy, counted by township and period beside the activities.
CREATE INDEX visit_policy_policy_idx ON visit_policy (policy_code, visit_id);
