/**
 * Model-based sync test on SQLite (sync-model-suite.ts): random scenarios of three devices through
 * faulty networks against the real server, then heal and check nothing was lost, duplicated or
 * silently overwritten, and that one person on one phone never meets a conflict.
 *
 *   MODEL_RUNS=5000 (npm run test:soak)   more scenarios
 *   MODEL_STEPS=30                         longer scenarios
 *   MODEL_SEED=<seed> MODEL_PATH=<path>    replay one failure (printed when a scenario fails)
 */
import 'fake-indexeddb/auto';
import { syncModelSuite } from './sync-model-suite';

syncModelSuite('sqlite');
