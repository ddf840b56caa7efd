/**
 * `npm run admin -- <command>`: account administration on the server's own database (DATA_DIR's
 * SQLite file, or DATABASE_URL). `--help` lists the commands.
 */
import { userInfo } from 'node:os';
import { openConfiguredDatabase, prepareDataDir } from '../server-config';
import { runAdminCli } from './admin-cli';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

runAdminCli(process.argv.slice(2), {
  openDb: () => openConfiguredDatabase(prepareDataDir()),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => new Date(),
  actor: `cli:${osUser()}`,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('The admin command failed unexpectedly:', error);
    process.exitCode = 1;
  },
);
