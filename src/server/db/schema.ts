/**
 * Kysely table types. Kept by hand beside the SQL migrations: when a migration changes a
 * table, change its interface here in the same commit.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz the database fills in when an insert leaves it out (`DEFAULT now()`). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz every insert must give. */
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RegionTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string | null;
  level: 'province' | 'city' | 'county' | 'township' | 'village' | 'grid';
  kind: string | null;
  parent_id: string | null;
  path: string;
  depth: number;
  county_code: string | null;
  opened_on: DateOnly;
  closed_on: DateOnly | null;
  successor_id: string | null;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
}

export interface RegionEventTable {
  id: Generated<string>;
  region_id: string;
  county_code: string | null;
  kind: 'open' | 'rename' | 'move' | 'merge' | 'close' | 'reopen';
  effective_on: DateOnly;
  details: Json;
  actor_id: string | null;
  created_at: Timestamp;
}

export interface DepartmentTable {
  id: Generated<string>;
  county_code: string;
  code: string;
  name: string;
  name_en: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  region_id: string;
  department_id: string | null;
  county_code: string | null;
  locale: Generated<'zh-CN' | 'en'>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Failed sign-ins under names of no account (0008_accounts_login_failure), keyed by lower(username). */
export interface LoginFailureTable {
  username_key: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_failed_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  client_ip: string | null;
  user_agent: string | null;
  /** The phone's name given at sign-in, so an admin can end a lost phone's sessions. */
  device_label: string | null;
  /** When and from where the session was last used (updated at most every few minutes). */
  last_seen_at: Date | null;
  last_ip: string | null;
  /** Why a revoked session ended: its own sign-out, an admin, or a change to the account (null: a restore, or older rows). */
  end_reason: 'logout' | 'ended_by_admin' | 'account_changed' | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_id: string | null;
  region_path: string | null;
  county_code: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  client_ip: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface HardshipCategoryTable {
  code: string;
  name: string;
  name_en: string;
  sort: number;
  active: Generated<boolean>;
}

export interface HouseholdTable {
  id: Generated<string>;
  county_code: string;
  village_id: string;
  household_no: string;
  address: Generated<string>;
  latitude: string | null;
  longitude: string | null;
  notes: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentTable {
  id: Generated<string>;
  county_code: string;
  household_id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'M' | 'F';
  birth_date: DateOnly;
  relationship: string;
  id_number_cipher: string;
  id_number_hash: string;
  id_number_masked: string;
  id_number_tail: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentPhoneTable {
  id: Generated<string>;
  county_code: string;
  resident_id: string;
  kind: 'mobile' | 'landline';
  phone_cipher: string;
  phone_hash: string;
  phone_masked: string;
  phone_tail: string;
}

export interface HouseholdHardshipTable {
  id: Generated<string>;
  county_code: string;
  household_id: string;
  resident_id: string | null;
  category_code: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  source: Generated<string>;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PairingTable {
  id: Generated<string>;
  county_code: string;
  household_id: string;
  cadre_id: string;
  role: 'responsible' | 'helper';
  started_on: DateOnly;
  ended_on: DateOnly | null;
  start_reason: Generated<string>;
  end_reason: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ImportJobTable {
  id: string;
  county_code: string | null;
  region_id: string | null;
  user_id: string | null;
  kind: string;
  file_name: string;
  mode: 'all_or_nothing' | 'partial';
  status: 'running' | 'succeeded' | 'rejected' | 'failed' | 'awaiting_confirmation' | 'confirmed' | 'expired';
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected_rows: Generated<number>;
  problem: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
  /** The process running the job (hostname, pid) and its last sign of life; null on rows from before 0005. */
  owner_host: string | null;
  owner_pid: number | null;
  heartbeat_at: Date | null;
  /** SHA-256 of the file's bytes; null on rows from before 0011. */
  file_sha256: string | null;
  /** Digest of the changes to existing records (see review-import-changes.ts). */
  changes_digest: string | null;
  change_count: Generated<number>;
  /** The preview (status awaiting_confirmation) this job confirms. */
  confirms_job_id: string | null;
}

export interface ImportChangeTable {
  id: Generated<string>;
  job_id: string;
  county_code: string;
  row_no: number;
  household_no: string;
  resident_id: string | null;
  person: Generated<string>;
  field: string;
  old_value: string;
  new_value: string;
}

export interface ImportCrossScopeConflictTable {
  id: Generated<string>;
  county_code: string;
  import_region_id: string;
  village_id: string;
  job_id: string;
  row_no: number;
  kind: 'household_no' | 'id_number';
  household_no: string | null;
  id_masked: string | null;
  existing_household_id: string;
  existing_resident_id: string | null;
  existing_village_id: string;
  status: Generated<'open' | 'resolved'>;
  resolution: 'moved' | 'typing_error' | null;
  note: Generated<string>;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Timestamp;
}

export interface ImportIssueTable {
  id: Generated<string>;
  job_id: string;
  row_no: number;
  column_name: string;
  value: string;
  problem: string;
}

export interface SchemaMigrationTable {
  version: string;
  applied_at: Timestamp;
}

/* Satisfaction telephone survey (0003_survey.sql). */

type Numeric = ColumnType<string, string | number, string | number>;
/** A numeric with a DEFAULT, so an insert may leave it out (Generated<> does not unwrap ColumnType). */
type NumericWithDefault = ColumnType<string, string | number | undefined, string | number>;

export interface QuestionnaireTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  name_en: Generated<string>;
  standard: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface QuestionnaireVersionTable {
  id: Generated<string>;
  questionnaire_id: string;
  county_code: string;
  version: number;
  definition: Json;
  status: Generated<'draft' | 'published'>;
  published_at: Date | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SurveyWaveTable {
  id: Generated<string>;
  county_code: string;
  county_id: string;
  name: string;
  questionnaire_version_id: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  status: Generated<'draft' | 'fieldwork' | 'closed'>;
  calling_hours: Json;
  max_attempts: number;
  phone_quota: Json;
  allocation: Generated<'proportional' | 'equal' | 'neyman'>;
  min_per_township: Generated<number>;
  target_completes: number;
  numbers_per_complete: NumericWithDefault;
  replicate_count: Generated<number>;
  sample_seed: string | null;
  sampled_at: Date | null;
  eligibility_override: Numeric | null;
  created_by: string | null;
  created_at: Timestamp;
  opened_at: Date | null;
  closed_at: Date | null;
}

export interface WaveStratumTable {
  wave_id: string;
  township_id: string;
  county_code: string;
  population: number;
  assumed_sd: Numeric | null;
  target_completes: Generated<number>;
  frame_size: Generated<number>;
  sample_size: Generated<number>;
}

export interface FrameEntryTable {
  id: Generated<string>;
  wave_id: string;
  county_code: string;
  township_id: string;
  source: 'registry' | 'upload';
  phone_kind: 'mobile' | 'landline';
  phone_cipher: string;
  phone_hash: string;
  phone_masked: string;
  /** The number's place in the frame's source (file row, or rank in the registry's order): the draw's key-free order. */
  entry_no: number;
}

export interface WaveReplicateTable {
  wave_id: string;
  replicate: number;
  size: number;
  released_at: Date | null;
  released_by: string | null;
}

export interface SampleCaseTable {
  id: Generated<string>;
  county_code: string;
  wave_id: string;
  township_id: string;
  frame_entry_id: string;
  replicate: number;
  released: Generated<boolean>;
  draw_order: number;
  phone_kind: 'mobile' | 'landline';
  phone_cipher: string;
  phone_hash: string;
  phone_masked: string;
  attempts: Generated<number>;
  last_disposition: string | null;
  final_disposition: string | null;
  finalized_at: Date | null;
  next_call_at: Date | null;
  appointment_at: Date | null;
  appointment_with: string | null;
  assigned_to: string | null;
  assigned_at: Date | null;
  lease_expires_at: Date | null;
}

export interface CallAttemptTable {
  id: Generated<string>;
  county_code: string;
  wave_id: string;
  case_id: string;
  interviewer_id: string;
  attempt_no: number;
  assigned_at: RequiredTimestamp;
  dialed_at: Date | null;
  ended_at: Date | null;
  disposition: string | null;
  note: Generated<string>;
  submission_id: string | null;
}

export interface InterviewTable {
  id: Generated<string>;
  county_code: string;
  wave_id: string;
  case_id: string;
  township_id: string | null;
  interviewer_id: string;
  status: Generated<'in_progress' | 'complete' | 'partial' | 'screened_out' | 'broken_off'>;
  current_question: string | null;
  revision: Generated<number>;
  started_at: Timestamp;
  completed_at: Date | null;
  duration_seconds: Generated<number>;
  qc_flags: Generated<string[]>;
  recheck: Generated<boolean>;
  recheck_result: 'confirmed' | 'not_confirmed' | 'unreachable' | null;
  recheck_note: Generated<string>;
  rechecked_by: string | null;
  rechecked_at: Date | null;
}

/** 0017: a consenting open answer referred as a case (or dismissed); no case id by design. */
export interface SurveyReferralTable {
  interview_id: string;
  county_code: string;
  wave_id: string;
  outcome: 'referred' | 'dismissed';
  referred_by: string | null;
  referred_at: RequiredTimestamp;
}

export interface InterviewAnswerTable {
  interview_id: string;
  question_code: string;
  option_id: string | null;
  text: string | null;
  answered_at: Timestamp;
}

export interface InterviewSubmissionTable {
  submission_id: string;
  interview_id: string;
  revision: number;
  created_at: Timestamp;
}

// Visits and aid campaigns (0012_visits.sql).

export interface PolicyTable {
  code: string;
  name: string;
  name_en: string;
  sort: number;
  active: Generated<boolean>;
}

export interface VisitCampaignTable {
  id: Generated<string>;
  county_code: string;
  region_id: string;
  kind: 'all_households' | 'hardship' | 'custom';
  name: string;
  status: Generated<'draft' | 'open' | 'closed'>;
  starts_on: DateOnly;
  ends_on: DateOnly;
  deadline: DateOnly;
  grace_days: Generated<number>;
  definition: Json;
  target_filter: Json | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  opened_at: Date | null;
  closed_at: Date | null;
}

export interface VisitCampaignRegionTable {
  campaign_id: string;
  region_id: string;
}

export interface VisitTargetTable {
  campaign_id: string;
  household_id: string;
  county_code: string;
  village_id: string;
  hardship: Generated<boolean>;
  category_codes: Generated<string[]>;
  cadre_id: string | null;
  assigned_at: Timestamp;
}

/** A campaign's coverage per village, kept by triggers (migration 0020). */
export interface VisitCoverageTable {
  campaign_id: string;
  village_id: string;
  county_code: string;
  targets: number;
  hardship_targets: number;
  visited: number;
  visited_late: number;
  hardship_visited: number;
  latest_effective_at: Date | null;
}

export interface StoredFileTable {
  sha256: string;
  county_code: string;
  kind: 'photo' | 'signature';
  media_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  captured_at: Date | null;
  perceptual_hash: string | null;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface VisitTable {
  id: Generated<string>;
  client_id: string;
  county_code: string;
  campaign_id: string | null;
  household_id: string;
  village_id: string;
  recorded_by: string;
  kind: 'home' | 'phone' | 'field' | 'business' | 'meeting';
  visited_at: RequiredTimestamp;
  recorded_at: Timestamp;
  late: Generated<boolean>;
  body: Json;
  body_sha256: string;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface VisitResendConflictTable {
  id: Generated<string>;
  county_code: string;
  visit_id: string;
  received_by: string;
  received_at: Timestamp;
  body: Json;
  body_sha256: string;
  diff_paths: string[];
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

export interface VisitPhotoTable {
  visit_id: string;
  sha256: string;
  household_id: string;
}

export interface VisitPolicyTable {
  visit_id: string;
  policy_code: string;
}

export interface VisitProblemTable {
  id: Generated<string>;
  county_code: string;
  visit_id: string;
  household_id: string;
  village_id: string;
  ordinal: number;
  text: string;
  domain: string;
  status: Generated<'open' | 'case_opened' | 'resolved' | 'dropped'>;
  case_id: string | null;
  updated_at: Timestamp;
}

export interface AidDeliveryTable {
  id: Generated<string>;
  county_code: string;
  visit_id: string;
  campaign_id: string;
  household_id: string;
  township_id: string;
  item_code: string;
  amount_fen: Generated<string>;
  goods: Json; // DEFAULT '[]' (Json's insert type is optional already; Generated<Json> would make it an object)
  acknowledgement: Json;
  recorded_at: Timestamp;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface HardshipProposalTable {
  id: Generated<string>;
  county_code: string;
  visit_id: string;
  household_id: string;
  village_id: string;
  action: 'add' | 'end';
  category_code: string;
  reason: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface VisitFlagReviewTable {
  campaign_id: string;
  flag_key: string;
  county_code: string;
  conclusion: 'explained' | 'confirmed';
  note: string;
  reviewed_by: string;
  reviewed_at: Timestamp;
}

/*
 * Cases (民情诉求 · 三级联动, issue 11): migration 0016_cases.sql.
 */

export interface WorkingCalendarDayTable {
  county_code: string;
  day: DateOnly;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WorkingCalendarYearTable {
  county_code: string;
  year: number;
  source: string;
  loaded_at: Timestamp;
}

export interface CaseCategoryTable {
  id: Generated<string>;
  county_code: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string;
  description: Generated<string>;
  domain: 'hardship_relief' | 'environment' | 'medical' | 'education' | 'public_security' | 'culture' | 'employment' | 'cadre_style' | null;
  department_id: string | null;
  start_level: Generated<'village' | 'township' | 'department'>;
  response_hours: Generated<number>;
  resolve_days: Generated<number>;
  urgent_hours: Generated<number>;
  open311: Generated<boolean>;
  active: Generated<boolean>;
  sort: Generated<number>;
  updated_at: Timestamp;
}

export interface CaseSettingTable {
  county_code: string;
  weight_response: NumericWithDefault;
  weight_resolution: NumericWithDefault;
  weight_satisfaction: NumericWithDefault;
  basically_satisfied_counts: Generated<boolean>;
  due_soon_hours: Generated<number>;
  callback_attempts_to_close: Generated<number>;
  auto_escalate: Generated<boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CaseBatchTable {
  id: Generated<string>;
  county_code: string;
  source: string; // 'hotline_12345' (the only batch source so far)
  file_name: string;
  digest: string;
  rows_total: Generated<number>;
  rows_created: Generated<number>;
  rows_refused: Generated<number>;
  report: Json;
  created_by: string | null;
  created_at: Timestamp;
}

export interface Open311ClientTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface ResidentCaseTable {
  id: Generated<string>;
  county_code: string;
  case_no: string;
  tracking_code: string;
  channel: 'window' | 'phone' | 'visit' | 'survey' | 'hotline_12345' | 'open311' | 'resident_page';
  category_id: string;
  region_id: string;
  region_path: string;
  title: string;
  description: string;
  address: Generated<string>;
  latitude: string | null;
  longitude: string | null;
  urgent: Generated<boolean>;
  status: Generated<'registered' | 'dispatched' | 'accepted' | 'in_progress' | 'resolved' | 'called_back' | 'closed' | 'merged'>;
  unit_region_id: string | null;
  unit_department_id: string | null;
  current_assignment_id: string | null;
  reopen_count: Generated<number>;
  resident_id: string | null;
  contact_name: Generated<string>;
  contact_phone_cipher: string | null;
  contact_phone_hash: string | null;
  contact_phone_masked: string | null;
  consent_contact: Generated<boolean>;
  merged_into_id: string | null;
  public: Generated<boolean>;
  open311_client_id: string | null;
  batch_id: string | null;
  external_ref: string | null;
  source_visit_problem_id: string | null;
  resolution: string | null;
  registered_by: string | null;
  registered_at: Timestamp;
  /** The photo an Open311 client linked to its request (0017_open311.sql). */
  media_url: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  updated_at: Timestamp;
}

export interface CaseAssignmentTable {
  id: Generated<string>;
  county_code: string;
  case_id: string;
  unit_region_id: string | null;
  unit_department_id: string | null;
  unit_path: string | null;
  level: 'village' | 'township' | 'department';
  dispatched_by: string | null;
  dispatched_at: RequiredTimestamp;
  response_due_at: RequiredTimestamp;
  resolve_due_at: RequiredTimestamp;
  accepted_at: Date | null;
  accepted_by: string | null;
  resolved_at: Date | null;
  ended_at: Date | null;
  end_reason: 'resolved' | 'escalated' | 'auto_escalated' | 'returned' | 'merged' | 'redispatched' | null;
  reopened: Generated<boolean>;
  response_reminded_at: Date | null;
  resolve_reminded_at: Date | null;
}

export interface CaseCallbackTable {
  id: Generated<string>;
  county_code: string;
  case_id: string;
  assignment_id: string;
  outcome: 'reached' | 'unreachable';
  solved: boolean | null;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  note: Generated<string>;
  called_by: string | null;
  called_at: RequiredTimestamp;
}

export interface CaseEventTable {
  id: Generated<string>;
  county_code: string;
  case_id: string;
  kind: 'register' | 'dispatch' | 'accept' | 'note' | 'resolve' | 'escalate' | 'auto_escalate' | 'return' | 'callback' | 'reopen' | 'close' | 'merge' | 'remind' | 'link_resident' | 'public_change';
  from_status: string | null;
  to_status: string | null;
  assignment_id: string | null;
  actor_id: string | null;
  note: Generated<string>;
  details: Json;
  at: Timestamp;
}

export interface CaseFileTable {
  case_id: string;
  sha256: string;
  county_code: string;
  event_id: string | null;
  added_by: string | null;
  added_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: Generated<string>;
  county_code: string;
  case_id: string | null;
  kind: 'accepted' | 'resolved' | 'callback' | 'reopened' | 'reminder';
  dedupe_key: string;
  phone_cipher: string;
  phone_masked: string;
  body: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sender: string | null;
  sent_at: Date | null;
  created_at: Timestamp;
}

export interface CaseReminderTable {
  id: Generated<string>;
  county_code: string;
  case_id: string;
  assignment_id: string;
  deadline: 'response' | 'resolve';
  unit_region_id: string | null;
  unit_department_id: string | null;
  supervisor_region_id: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface PublicChallengeTable {
  id: string;
  answer_hash: string;
  expires_at: RequiredTimestamp;
  used_at: Date | null;
}

/* Closing the loop: rectification, publicity, assessment, gaming flags (0018_close_the_loop.sql). */

export interface RectificationTaskTable {
  id: Generated<string>;
  county_code: string;
  task_no: string;
  source: 'survey' | 'cases' | 'manual';
  status: 'proposed' | 'dropped' | 'open' | 'submitted' | 'accepted';
  township_id: string | null;
  region_path: string;
  owner_region_id: string | null;
  owner_department_id: string | null;
  wave_id: string | null;
  figure_key: string | null;
  domain: 'hardship_relief' | 'environment' | 'medical' | 'education' | 'public_security' | 'culture' | 'employment' | 'cadre_style' | null;
  case_category_id: string | null;
  title: string;
  problem: string;
  evidence: Json;
  measures: Generated<string>;
  due_on: DateOnly | null;
  drop_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  submitted_at: Date | null;
  accepted_by: string | null;
  accepted_at: Date | null;
  updated_at: Timestamp;
}

export interface RectificationUpdateTable {
  id: Generated<string>;
  county_code: string;
  task_id: string;
  kind: 'propose' | 'create' | 'confirm' | 'edit' | 'drop' | 'progress' | 'submit' | 'accept' | 'return';
  note: Generated<string>;
  details: Json;
  actor_id: string | null;
  at: Timestamp;
}

export interface PublicityActivityTable {
  id: Generated<string>;
  county_code: string;
  region_id: string;
  region_path: string;
  kind: 'meeting' | 'notice' | 'broadcast' | 'door_to_door' | 'training' | 'other';
  held_on: DateOnly;
  title: string;
  audience: number | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  voided_at: Date | null;
  void_reason: string | null;
}

export interface PublicityActivityPolicyTable {
  activity_id: string;
  policy_code: string;
}

export interface AssessmentTable {
  id: Generated<string>;
  county_code: string;
  county_id: string;
  name: string;
  period_start: DateOnly;
  period_end: DateOnly;
  status: Generated<'draft' | 'published'>;
  current_version: Generated<number>;
  previous_id: string | null;
  supersedes_id: string | null;
  published_result_id: string | null;
  published_by: string | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssessmentSchemeVersionTable {
  assessment_id: string;
  version: number;
  scheme: Json;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentAdjustmentTable {
  id: Generated<string>;
  assessment_id: string;
  township_id: string;
  points: Numeric;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
  removed_by: string | null;
  removed_at: Date | null;
}

export interface CitySpotCheckTable {
  id: Generated<string>;
  county_code: string;
  period_start: DateOnly;
  period_end: DateOnly;
  figure: 'index' | 'satisfaction' | 'dissatisfaction';
  estimate: Numeric;
  n: number | null;
  lower_bound: Numeric | null;
  upper_bound: Numeric | null;
  source: string;
  city_rank: number | null;
  city_counties: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentResultTable {
  id: Generated<string>;
  assessment_id: string;
  scheme_version: number;
  result: Json;
  computed_by: string | null;
  computed_at: Timestamp;
}

export interface GamingFlagTable {
  id: Generated<string>;
  county_code: string;
  wave_id: string;
  township_id: string;
  signal: 'uniform_answers' | 'satisfaction_jump' | 'cases_disagree' | 'visits_disagree';
  severity: 'watch' | 'review';
  evidence: Json;
  status: Generated<'new' | 'dismissed' | 'confirmed'>;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  detected_at: Timestamp;
}

/** A township's tile on the dashboard's schematic map (0019_dashboard.sql). */
export interface TownshipTileTable {
  township_id: string;
  county_code: string;
  tile_row: number;
  tile_col: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/* Policy publicity: a county's link from an awareness question to a policy (0019_policy_publicity.sql). */
export interface PolicyQuestionLinkTable {
  county_code: string;
  question_code: string;
  policy_code: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RectificationSettingTable {
  county_code: string;
  index_threshold: NumericWithDefault;
  domain_score_threshold: NumericWithDefault;
  dissatisfaction_threshold: NumericWithDefault;
  case_min_count: Generated<number>;
  case_alpha: NumericWithDefault;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RectificationFileTable {
  task_id: string;
  sha256: string;
  county_code: string;
  update_id: string | null;
  added_by: string | null;
  added_at: Timestamp;
}

export interface DB {
  region: RegionTable;
  region_event: RegionEventTable;
  department: DepartmentTable;
  app_user: AppUserTable;
  login_failure: LoginFailureTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
  app_setting: AppSettingTable;
  hardship_category: HardshipCategoryTable;
  household: HouseholdTable;
  resident: ResidentTable;
  resident_phone: ResidentPhoneTable;
  household_hardship: HouseholdHardshipTable;
  pairing: PairingTable;
  import_job: ImportJobTable;
  import_issue: ImportIssueTable;
  import_change: ImportChangeTable;
  import_cross_scope_conflict: ImportCrossScopeConflictTable;
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
  survey_wave: SurveyWaveTable;
  wave_stratum: WaveStratumTable;
  frame_entry: FrameEntryTable;
  wave_replicate: WaveReplicateTable;
  sample_case: SampleCaseTable;
  call_attempt: CallAttemptTable;
  interview: InterviewTable;
  interview_answer: InterviewAnswerTable;
  interview_submission: InterviewSubmissionTable;
  policy: PolicyTable;
  visit_campaign: VisitCampaignTable;
  visit_campaign_region: VisitCampaignRegionTable;
  visit_target: VisitTargetTable;
  visit_coverage: VisitCoverageTable;
  stored_file: StoredFileTable;
  visit: VisitTable;
  visit_resend_conflict: VisitResendConflictTable;
  visit_photo: VisitPhotoTable;
  visit_policy: VisitPolicyTable;
  visit_problem: VisitProblemTable;
  aid_delivery: AidDeliveryTable;
  hardship_proposal: HardshipProposalTable;
  visit_flag_review: VisitFlagReviewTable;
  working_calendar_day: WorkingCalendarDayTable;
  working_calendar_year: WorkingCalendarYearTable;
  case_category: CaseCategoryTable;
  case_setting: CaseSettingTable;
  case_batch: CaseBatchTable;
  open311_client: Open311ClientTable;
  resident_case: ResidentCaseTable;
  case_assignment: CaseAssignmentTable;
  case_callback: CaseCallbackTable;
  case_event: CaseEventTable;
  case_file: CaseFileTable;
  notification_outbox: NotificationOutboxTable;
  case_reminder: CaseReminderTable;
  public_challenge: PublicChallengeTable;
  survey_referral: SurveyReferralTable;
  rectification_task: RectificationTaskTable;
  rectification_update: RectificationUpdateTable;
  publicity_activity: PublicityActivityTable;
  publicity_activity_policy: PublicityActivityPolicyTable;
  assessment: AssessmentTable;
  assessment_scheme_version: AssessmentSchemeVersionTable;
  assessment_adjustment: AssessmentAdjustmentTable;
  city_spot_check: CitySpotCheckTable;
  assessment_result: AssessmentResultTable;
  gaming_flag: GamingFlagTable;
  township_tile: TownshipTileTable;
  rectification_setting: RectificationSettingTable;
  rectification_file: RectificationFileTable;
  policy_question_link: PolicyQuestionLinkTable;
}

export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type AppUser = Selectable<AppUserTable>;
