/** The model-based sync test (sync-model-suite.ts) on PostgreSQL, when DATABASE_URL is set. */
import 'fake-indexeddb/auto';
import { describe } from 'vitest';
import { DIALECTS } from '../../support/test-server';
import { syncModelSuite } from './sync-model-suite';

describe.runIf(DIALECTS.includes('postgres'))('on PostgreSQL', () => {
  syncModelSuite('postgres');
});
