/**
 * Row types of the server database. Portable on SQLite and PostgreSQL: timestamps are ISO-8601
 * text, booleans are 0/1 integers, JSON documents are text.
 */

export type OrgLevel = 'district' | 'street' | 'community' | 'grid' | 'department';

export interface OrgsTable {
  id: string;
  parent_id: string | null;
  level: OrgLevel;
  name: string;
  /** GeoJSON Polygon as JSON text, grids only. */
  geometry: string | null;
  /** A department's type (departments.ts); null for every other level. */
  department_type?: string | null | undefined;
}

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  /** 1 for demo accounts, which may log in only in demo mode. */
  demo: number;
  /** The department (orgs.id) an account of a department role is bound to. */
  department_id?: string | null | undefined;
}

export interface UserAssignmentsTable {
  user_id: string;
  org_id: string;
}

export interface SessionsTable {
  /** sha256 hex of the bearer token: a stolen database yields no usable token. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** `revoke-sessions --wipe`: the device holding this token must delete the user's local data. */
  wipe_requested_at: string | null;
  /** When the device reported that it had deleted the data (`POST /api/auth/wiped`). */
  wiped_at: string | null;
}

export interface ClientsTable {
  id: string;
  user_id: string;
  acked_seq: number;
  /** How many records the device last said it holds unsynced (a pull's `unsynced`), and when. */
  unsynced?: number | null | undefined;
  unsynced_at?: string | null | undefined;
}

export interface RecordsTable {
  id: string;
  kind: string;
  grid_id: string;
  rev: number;
  change_seq: number;
  deleted: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  schema_version: number;
  body: string;
  /** The server's clock when it applied the last write (null only before migration 0008). */
  received_at: string | null;
}

/**
 * The last change by which a record left a grid (moved to another). A pull of that grid's users
 * after it names the record in `removed` unless their scope still holds it.
 */
export interface RecordDeparturesTable {
  record_id: string;
  grid_id: string;
  change_seq: number;
}

/** Every revision of every record, so a stale push can be merged against the revision it was made from. */
export interface RecordRevisionsTable {
  record_id: string;
  rev: number;
  /** The whole wire envelope at that rev, as JSON text. */
  envelope: string;
}

/**
 * One track segment's points, stored once per record (track-store.ts): the body in `records`,
 * `record_revisions` and `audit_log` names it as `"points": "t1:<key>"`.
 */
export interface TrackSegmentsTable {
  record_id: string;
  /** sha256 (base64url) of the points as first stored; the row may hold them simplified since. */
  key: string;
  /** track-codec.ts text (`p1:…`), or JSON of the points when they do not fit it. */
  points: string;
  point_count: number;
  /** The server's clock when the points were first stored: the retention counts from it. */
  stored_at: string;
  /** When the retention replaced the raw points by simplified ones (track-retention.ts). */
  simplified_at: string | null;
}

export interface MutationsTable {
  id: string;
  client_id: string;
  seq: number;
  user_id: string;
  record_id: string;
  /** The first result, replayed as `duplicate`. */
  result: string;
  created_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string;
  client_id: string | null;
  action: string;
  record_id: string | null;
  kind: string | null;
  before: string | null;
  after: string | null;
  offline: number | null;
  /** Reveals: the dotted field path shown in full (`body.parties.<id>.phone`). */
  field: string | null;
  /** Reveals: the reason code (domain/reveal.ts) and the free-text note. */
  reason: string | null;
  reason_note: string | null;
  /** Reveals: when the device says it happened (`at` is when the server heard of it). */
  device_at: string | null;
  /** `serve`: the ids of the records one pull page sent, as a JSON array (record_id stays null). */
  record_ids: string | null;
}

/** Failed sign-ins of one account or one client address within a window that starts at the first failure. */
export interface LoginThrottleTable {
  /** `account:<username>` or `address:<ip>`. */
  key: string;
  window_start: string;
  failures: number;
}

/** A street's checklist thresholds (DOMAIN.md §8: they differ by city and street). */
export interface StreetSettingsTable {
  street_id: string;
  /** JSON of StreetThresholdOverrides: only what the street changed. */
  thresholds: string;
  updated_at: string;
  updated_by: string;
}

export interface CalendarYearsTable {
  year: number;
  /** JSON of a CalendarYear (work-calendar.ts), checked by calendarYearSchema when loaded. */
  schedule: string;
  loaded_at: string;
  loaded_by: string;
}

/** A street's own time limit of one 上报事件 step for one level-one category (event-supervision.ts). */
export interface EventTimeLimitsTable {
  street_id: string;
  category_l1: string;
  /** accept, handle or verify (EVENT_STEPS). */
  step: string;
  yellow_days: number;
  red_days: number;
  updated_at: string;
  updated_by: string;
}

/** A street's own 上报事件 sub-category (migration 0020). */
export interface EventSubcategoriesTable {
  street_id: string;
  category_l1: string;
  code: string;
  label: string;
  created_at: string;
  created_by: string;
}

/**
 * The step clock of an event that may still earn a card (event-clocks.repository.ts), written with
 * every write of the event; the supervision job reads it by `due_day`.
 */
export interface EventClocksTable {
  record_id: string;
  /** The event's grid as last written: the job locks its street's partition. */
  grid_id: string;
  step_key: string;
  yellow_day: string;
  red_day: string;
  /** The card the event carries: none, yellow or red. */
  card: string;
  /** The last day before the event's next card (`YYYY-MM-DD` in China); null when none is left. */
  due_day: string | null;
}

/** A job that one server process at a time runs (scheduled-jobs.repository.ts). */
export interface ScheduledJobsTable {
  name: string;
  next_run_at: string;
  /** The process running it now, and until when its claim holds unless renewed. */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface Database {
  orgs: OrgsTable;
  users: UsersTable;
  user_assignments: UserAssignmentsTable;
  sessions: SessionsTable;
  clients: ClientsTable;
  records: RecordsTable;
  record_revisions: RecordRevisionsTable;
  record_departures: RecordDeparturesTable;
  track_segments: TrackSegmentsTable;
  mutations: MutationsTable;
  counters: CountersTable;
  audit_log: AuditLogTable;
  login_throttle: LoginThrottleTable;
  street_settings: StreetSettingsTable;
  calendar_years: CalendarYearsTable;
  event_time_limits: EventTimeLimitsTable;
  event_subcategories: EventSubcategoriesTable;
  event_clocks: EventClocksTable;
  scheduled_jobs: ScheduledJobsTable;
}
