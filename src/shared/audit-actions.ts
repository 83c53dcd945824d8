/**
 * Every action and kind of record the audit log knows, as typed unions. `recordAudit` accepts
 * only these, and the web dictionaries give each a zh-CN and an en label through a
 * `Record<TAuditAction, string>`, so a new action without a label fails the type check
 * (`audit-actions.test.ts` also reads the raw SQL inserts of src/server for literals).
 */

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'user.locale',
  'user.create',
  'user.update',
  'user.unlock',
  'user.password_reset',
  'user.sessions_ended',
  'region.open',
  'region.rename',
  'region.move',
  'region.merge',
  'region.close',
  'demo.seed',
  'resident.reveal_id_number',
  'resident.reveal_phone',
  'resident.export',
  'resident.moved',
  'household.imported',
  'household.created',
  'household.moved',
  'household.hardship_added',
  'household.hardship_ended',
  'household.pairing_started',
  'household.pairing_transferred',
  'household.pairing_ended',
  'pairing.bulk_assign',
  'import.households',
  'import.preview_confirmed',
  'import.preview_expired',
  'import.cross_scope_conflict',
  'import.cross_scope_conflict.resolve',
  'hardship_category.create',
  'hardship_category.update',
  'questionnaire.create',
  'questionnaire.create_standard',
  'questionnaire.new_version',
  'questionnaire.save_draft',
  'questionnaire.publish',
  'survey_wave.create',
  'survey_wave.update',
  'survey_wave.frame_registry',
  'survey_wave.frame_upload',
  'survey_wave.draw_sample',
  'survey_wave.discard_sample',
  'survey_wave.open',
  'survey_wave.release_replicate',
  'survey_wave.close',
  'survey.dial',
  'survey.disposition',
  'survey.case_returned',
  'survey.case_released',
  'survey.appointment_reassigned',
  'survey.eligibility_set',
  'survey.qc_flagged',
  'survey.recheck_drawn',
  'survey.recheck_dial',
  'survey.recheck_recorded',
  'visit_campaign.create',
  'visit_campaign.update',
  'visit_campaign.open',
  'visit_campaign.close',
  'visit_campaign.reassign',
  'visit_campaign.upload_targets',
  'policy.create',
  'policy.update',
  'visit.record',
  'visit.resend_conflict',
  'visit.resend_reviewed',
  'aid_delivery.void',
  'hardship_proposal.approve',
  'hardship_proposal.reject',
  'visit_campaign.export_roster',
  'visit_campaign.export_summary',
  'visit_flag.review',
  'database.restore',
  'database.grant_runtime_role',
  'visit_file.store',
  'case.register',
  'case.dispatch',
  'case.accept',
  'case.note',
  'case.resolve',
  'case.escalate',
  'case.auto_escalate',
  'case.return',
  'case.callback',
  'case.reopen',
  'case.close',
  'case.merge',
  'case.reveal_phone',
  'case.link_resident',
  'case.add_file',
  'case_category.create',
  'case_category.update',
  'case_setting.update',
  'working_calendar.load',
  'working_calendar.update',
  'case_batch.import',
  'open311_client.create',
  'open311_client.revoke',
  'open311.request',
  'survey.referral',
  'gaming.detect',
  'gaming.review',
  'dashboard.tile_layout',
  'rectification.propose',
  'rectification.create',
  'rectification.confirm',
  'rectification.edit',
  'rectification.drop',
  'rectification.progress',
  'rectification.submit',
  'rectification.accept',
  'rectification.return',
  'rectification.add_file',
  'rectification_setting.update',
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of record an entry is about (`audit_log.entity_type`). */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'region',
  'household',
  'resident',
  'import',
  'import_cross_scope_conflict',
  'hardship_category',
  'questionnaire',
  'questionnaire_version',
  'survey_wave',
  'sample_case',
  'interview',
  'visit_campaign',
  'policy',
  'visit',
  'visit_resend_conflict',
  'aid_delivery',
  'hardship_proposal',
  'database',
  'database_role',
  'stored_file',
  'case',
  'case_category',
  'case_setting',
  'working_calendar',
  'case_batch',
  'open311_client',
  'gaming_flag',
  'rectification_task',
  'rectification_setting',
] as const;
export type TAuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** @example isAuditAction('survey_wave.open'); // true */
export const isAuditAction = (value: string): value is TAuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

/** Actions that put a full ID number or phone in someone's hands; each carries a purpose. */
export const REVEAL_ACTIONS: readonly TAuditAction[] = ['resident.reveal_id_number', 'resident.reveal_phone', 'survey.dial', 'survey.recheck_dial', 'case.reveal_phone'];

/**
 * Where an entry came from: a signed-in person (`web`), a command typed at the server (`cli`,
 * `cli:import households`), or the server itself at start (`cli:serve` seeds the demo and fails
 * imports a dead process left running: nobody typed those). An entry written during an HTTP
 * request is `web` whatever its actor name, so a sign-in attempt with the username `cli:serve`
 * cannot pass for the server.
 *
 * @example
 * auditSourceKind('cli:serve', null); // { kind: 'system', command: null }
 * auditSourceKind('cli:import households', null); // { kind: 'cli', command: 'import households' }
 * auditSourceKind('gangcheng', 'req-1'); // { kind: 'web', command: null }
 */
export function auditSourceKind(actorName: string | null, requestId: string | null): { kind: 'web' | 'cli' | 'system'; command: string | null } {
  if (requestId !== null) return { kind: 'web', command: null };
  if (actorName === 'cli:serve') return { kind: 'system', command: null };
  if (actorName?.startsWith('cli:')) return { kind: 'cli', command: actorName.slice(4) };
  return { kind: 'web', command: null };
}
