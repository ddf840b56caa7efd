/**
 * The server's migrations, one file each, in order. Append only, and each file FROZEN once
 * released: a migration must do the same thing on every server whenever it first runs, so a
 * migration never imports live domain code that may change (rules it needs are copied into its
 * file, or live in a frozen step such as domain/upcasts/).
 */
import type { MigrationProvider } from 'kysely';
import { init } from './0001-init';
import { recordRevisions } from './0002-record-revisions';
import { photos } from './0003-photos';
import { loginThrottle } from './0004-login-throttle';
import { revealAudit } from './0005-reveal-audit';
import { recordBodiesV2 } from './0006-record-bodies-v2';
import { streetSettings } from './0007-street-settings';
import { recordsReceivedAt } from './0008-records-received-at';
import { photoProvenance } from './0009-photo-provenance';
import { recordDepartures } from './0010-record-departures';
import { erasedTombstones } from './0011-erased-tombstones';
import { servedAudit } from './0012-served-audit';
import { sessionWipe } from './0013-session-wipe';
import { cleanStoredText } from './0014-clean-stored-text';
import { tracksSegments } from './0015-tracks-segments';
import { calendarYears } from './0016-calendar-years';
import { departments } from './0017-departments';
import { eventTimeLimits } from './0018-event-time-limits';
import { eventSupervision } from './0019-event-supervision';
import { eventSubcategories } from './0020-event-subcategories';
import { clientUnsynced } from './0021-client-unsynced';
import { recordBodiesV3 } from './0022-record-bodies-v3';

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return {
      '0001_init': init,
      '0002_record_revisions': recordRevisions,
      '0003_photos': photos,
      '0004_login_throttle': loginThrottle,
      '0005_reveal_audit': revealAudit,
      '0006_record_bodies_v2': recordBodiesV2,
      '0007_street_settings': streetSettings,
      '0008_records_received_at': recordsReceivedAt,
      '0009_photo_provenance': photoProvenance,
      '0010_record_departures': recordDepartures,
      '0011_erased_tombstones': erasedTombstones,
      '0012_served_audit': servedAudit,
      '0013_session_wipe': sessionWipe,
      '0014_clean_stored_text': cleanStoredText,
      '0015_tracks_segments': tracksSegments,
      '0016_calendar_years': calendarYears,
      '0017_departments': departments,
      '0018_event_time_limits': eventTimeLimits,
      '0019_event_supervision': eventSupervision,
      '0020_event_subcategories': eventSubcategories,
      '0021_client_unsynced': clientUnsynced,
      '0022_record_bodies_v3': recordBodiesV3,
    };
  },
};
