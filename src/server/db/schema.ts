/**
 * Kysely table types. Kept by hand beside the SQL migrations: when a migration changes a
 * table, change its interface here in the same commit.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
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

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  client_ip: string | null;
  user_agent: string | null;
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

export interface SchemaMigrationTable {
  version: string;
  applied_at: Timestamp;
}

export interface DB {
  region: RegionTable;
  region_event: RegionEventTable;
  department: DepartmentTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
}

export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type AppUser = Selectable<AppUserTable>;
