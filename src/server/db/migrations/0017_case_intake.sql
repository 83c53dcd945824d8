-- Issue 11, intake from the survey: a respondent's open answer (Q12) referred as a case when they
-- agreed to be contacted (Q13). The link stays on the survey side only, and deliberately without
-- the case's id: nothing joins a case back to its interview, and this table is read by the survey
-- module alone (never by an API a township admin can call). It exists so that an answer is
-- referred (or set aside by the supervisor as not a problem) at most once.
CREATE TABLE survey_referral (
  interview_id  bigint PRIMARY KEY REFERENCES interview (id),
  county_code   text NOT NULL,
  wave_id       bigint NOT NULL REFERENCES survey_wave (id),
  -- referred: a case was registered from it; dismissed: the supervisor judged it no problem to refer ("没有", "挺好").
  outcome       text NOT NULL CHECK (outcome IN ('referred', 'dismissed')),
  referred_by   bigint REFERENCES app_user (id),
  referred_at   timestamptz NOT NULL
);
CREATE INDEX survey_referral_wave_idx ON survey_referral (county_code, wave_id);
