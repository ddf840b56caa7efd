/**
 * The admin CLI's commands, parsed and printed; cli.ts runs it on the real process, tests in
 * process. Answers the exit code: 0 done, 1 refused (unknown user, weak password, …), 2 bad usage.
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { EventStep } from '../../domain/event-supervision';
import type { Role } from '../../domain/roles';
import { visibleText } from '../../domain/text';
import { findJob } from '../db/scheduled-jobs.repository';
import type { Database } from '../db/schema';
import { listUsers } from '../db/users.repository';
import { ROLE_LABELS } from '../demo/demo-accounts';
import { ConfigError, supervisionIntervalMs, trackRetentionDays } from '../server-config';
import { runSupervisionJob, SUPERVISION_JOB } from '../supervision/supervision-job';
import {
  type AdminContext,
  AdminError,
  assignUser,
  createUser,
  listOrgTree,
  MIN_PASSWORD_LENGTH,
  resetPassword,
  revokeSessions,
} from './admin-commands';
import { AUDIT_RETENTION_YEARS, pruneAudit } from './audit-retention';
import { loadCalendarYear } from './calendar-commands';
import { databaseSizeLines } from './database-size-lines';
import {
  addEventSubcategory,
  removeEventSubcategory,
  showEventSubcategories,
} from './event-category-commands';
import { clearEventLimits, formatLimits, setEventLimits, showEventLimits } from './event-limit-commands';
import { DEFAULT_EXPORT_LINES, exportLines } from './export-lines';
import { recordHistoryLines } from './record-history';
import { setStreetThresholds, showStreetThresholds } from './street-threshold-commands';
import { simplifyOldTracks } from './track-retention';

export interface AdminIo {
  /** Opens the database; the CLI closes it when the command is done. */
  openDb: () => Promise<Kysely<Database>>;
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => Date;
  actor: string;
}

type Values = Record<string, string | undefined>;

interface Command {
  usage: string;
  summary: string;
  options: readonly string[];
  /** Options without a value (`--reset`); present means 'yes'. */
  flags?: readonly string[];
  required: readonly string[];
  run(ctx: AdminContext, values: Values, out: (line: string) => void): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  'create-user': {
    usage: '--username U --name N --role R --assign ORG_ID[,ORG_ID] [--password P]',
    summary: 'Create an account assigned to org nodes; without --password one is generated and printed once.',
    options: ['username', 'name', 'role', 'assign', 'password'],
    required: ['username', 'name', 'role', 'assign'],
    async run(ctx, v, out) {
      const created = await createUser(ctx, {
        username: v.username ?? '',
        name: v.name ?? '',
        role: v.role ?? '',
        password: v.password,
        orgIds: splitIds(v.assign),
      });
      out(`Created ${v.username} (${v.role}), assigned ${splitIds(v.assign).join(', ')}.`);
      printPassword(created, out);
    },
  },
  assign: {
    usage: '--username U --orgs ORG_ID[,ORG_ID]',
    summary: "Replace the user's org assignments; the next sync pulls the new scope.",
    options: ['username', 'orgs'],
    required: ['username', 'orgs'],
    async run(ctx, v, out) {
      const { before, after } = await assignUser(ctx, {
        username: v.username ?? '',
        orgIds: splitIds(v.orgs),
      });
      out(`${v.username}: ${before.join(', ') || '(none)'} → ${after.join(', ')}.`);
    },
  },
  'reset-password': {
    usage: '--username U [--password P]',
    summary: 'Set a new password (generated and printed once without --password) and lift a sign-in lockout.',
    options: ['username', 'password'],
    required: ['username'],
    async run(ctx, v, out) {
      const result = await resetPassword(ctx, { username: v.username ?? '', password: v.password });
      out(
        `New password set for ${v.username}. Devices already signed in stay signed in (see revoke-sessions).`,
      );
      printPassword(result, out);
    },
  },
  'revoke-sessions': {
    usage: '--username U [--wipe]',
    summary:
      "Sign the user out everywhere (a lost phone): every token stops working; a device keeps its records and asks for sign-in. With --wipe, each device still holding a token deletes the user's local data at its next contact, unsynced records included (run it instead of, not after, a plain revoke-sessions: a device that already saw the revocation calls no more).",
    options: ['username'],
    flags: ['wipe'],
    required: ['username'],
    async run(ctx, v, out) {
      const wipe = v.wipe !== undefined;
      const { revoked, wiping } = await revokeSessions(ctx, { username: v.username ?? '', wipe });
      out(`Revoked ${revoked} session${revoked === 1 ? '' : 's'} of ${v.username}.`);
      if (wipe)
        out(
          `${wiping} device session${wiping === 1 ? '' : 's'} will delete ${v.username}'s local data (unsynced records included) at the next contact.`,
        );
    },
  },
  'list-users': {
    usage: '',
    summary: 'List the accounts with role and assigned org nodes.',
    options: [],
    required: [],
    async run(ctx, _v, out) {
      const users = await listUsers(ctx.db);
      if (users.length === 0) out('No users yet: add one with create-user.');
      const width = Math.max(8, ...users.map((user) => user.username.length)) + 2;
      for (const user of users) {
        const label = ROLE_LABELS[user.role as Role] ?? '';
        out(
          `${visibleText(user.username).padEnd(width)}${user.role.padEnd(26)}${(user.orgIds.join(',') || '-').padEnd(24)} ${visibleText(user.name)} ${label}${user.demo ? ' [demo]' : ''}`,
        );
      }
    },
  },
  'set-thresholds': {
    usage: '--street STREET_ID (--values key=value[,key=value] | --reset)',
    summary:
      "Change a street's checklist thresholds (e.g. minAreaPerPersonM2=5,groupRentalPersons=15); devices get them with their grids.",
    options: ['street', 'values'],
    flags: ['reset'],
    required: ['street'],
    async run(ctx, v, out) {
      const thresholds = await setStreetThresholds(ctx, {
        streetId: v.street ?? '',
        values: v.values,
        reset: v.reset !== undefined,
      });
      out(`Thresholds of ${v.street} now: ${formatThresholds(thresholds)}.`);
    },
  },
  'show-thresholds': {
    usage: '--street STREET_ID',
    summary: "Show the checklist thresholds in force in a street, marking the street's own (*).",
    options: ['street'],
    required: ['street'],
    async run(ctx, v, out) {
      const { thresholds, overridden } = await showStreetThresholds(ctx, v.street ?? '');
      for (const [key, value] of Object.entries(thresholds))
        out(`${overridden.includes(key) ? '*' : ' '} ${key} = ${value}`);
    },
  },
  'set-event-limits': {
    usage: '--street STREET_ID --category CATEGORY --step accept|handle|verify --yellow DAYS --red DAYS',
    summary:
      "Set a street's 上报事件 time limit for one category and step (受理 accept, 办理 handle, 验证 verify), in working days: a 黄牌 once the yellow limit has passed, a 红牌 after the red. Applies to each step's clock as the step begins.",
    options: ['street', 'category', 'step', 'yellow', 'red'],
    required: ['street', 'category', 'step', 'yellow', 'red'],
    async run(ctx, v, out) {
      const step = v.step ?? '';
      const limits = await setEventLimits(ctx, {
        streetId: v.street ?? '',
        category: v.category ?? '',
        step,
        yellow: v.yellow ?? '',
        red: v.red ?? '',
      });
      out(`${v.street} ${v.category} ${formatLimits(step as EventStep, limits)}.`);
    },
  },
  'show-event-limits': {
    usage: '--street STREET_ID',
    summary:
      "Show the 上报事件 time limits in force in a street per category and step, marking the street's own (*).",
    options: ['street'],
    required: ['street'],
    async run(ctx, v, out) {
      for (const line of await showEventLimits(ctx, v.street ?? ''))
        out(`${line.own ? '*' : ' '} ${line.categoryL1.padEnd(18)} ${formatLimits(line.step, line.limits)}`);
    },
  },
  'add-event-subcategory': {
    usage: '--street STREET_ID --category CATEGORY --code CODE --label 名称',
    summary:
      "Add a street's own 上报事件 sub-category under a level-one category (not dispute), e.g. --category safetyHazard --code elevator --label 电梯安全. Workers' phones offer it after their next sync.",
    options: ['street', 'category', 'code', 'label'],
    required: ['street', 'category', 'code', 'label'],
    async run(ctx, v, out) {
      const sub = await addEventSubcategory(ctx, {
        streetId: v.street ?? '',
        category: v.category ?? '',
        code: v.code ?? '',
        label: v.label ?? '',
      });
      out(`${v.street}: added ${sub.categoryL1}/${sub.code} ${visibleText(sub.label)}.`);
    },
  },
  'remove-event-subcategory': {
    usage: '--street STREET_ID --category CATEGORY --code CODE',
    summary:
      'Remove a sub-category the street added. Events already filed under it keep it; new ones cannot choose it.',
    options: ['street', 'category', 'code'],
    required: ['street', 'category', 'code'],
    async run(ctx, v, out) {
      const sub = await removeEventSubcategory(ctx, {
        streetId: v.street ?? '',
        category: v.category ?? '',
        code: v.code ?? '',
      });
      out(`${v.street}: removed ${sub.categoryL1}/${sub.code} ${visibleText(sub.label)}.`);
    },
  },
  'show-event-subcategories': {
    usage: '--street STREET_ID',
    summary: 'List the 上报事件 sub-categories a street added (the built-in ones are in DOMAIN.md §3.5).',
    options: ['street'],
    required: ['street'],
    async run(ctx, v, out) {
      const subs = await showEventSubcategories(ctx, v.street ?? '');
      if (subs.length === 0) out(`${v.street} has added no sub-categories of its own.`);
      for (const sub of subs)
        out(`${sub.categoryL1.padEnd(18)} ${sub.code.padEnd(24)} ${visibleText(sub.label)}`);
    },
  },
  'clear-event-limits': {
    usage: '--street STREET_ID [--category CATEGORY] [--step accept|handle|verify]',
    summary:
      "Return a street's 上报事件 time limits to the defaults: all of them, or one category's, or one step's.",
    options: ['street', 'category', 'step'],
    required: ['street'],
    async run(ctx, v, out) {
      const cleared = await clearEventLimits(ctx, {
        streetId: v.street ?? '',
        category: v.category,
        step: v.step,
      });
      out(
        cleared === 0
          ? `${v.street} sets none of these limits: nothing to clear.`
          : `Cleared ${cleared} limit${cleared === 1 ? '' : 's'} of ${v.street}: the defaults apply there now.`,
      );
    },
  },
  'run-supervision': {
    usage: '[--now ISO_DATE_TIME]',
    summary:
      'Issue the 黄牌 and 红牌 due now (or at --now, e.g. 2026-10-12T09:00:00+08:00), as the servers do every SUPERVISION_INTERVAL_MS; each card is issued once, whoever runs it. Refused while a server process is running it.',
    options: ['now'],
    required: [],
    async run(ctx, v, out) {
      const now = v.now === undefined ? ctx.now() : parseInstant(v.now);
      const run = await runSupervisionJob(ctx.db, {
        owner: `${ctx.actor}:${process.pid}`,
        now: () => now,
        leaseClock: ctx.now,
        intervalMs: supervisionIntervalMs(),
        force: true,
      });
      if (!run.ran) {
        const job = await findJob(ctx.db, SUPERVISION_JOB);
        throw new AdminError(
          `The supervision is running in ${job?.lease_owner ?? 'another process'} (its claim holds until ${job?.lease_until ?? '?'}); it issues the due cards. Nothing was done here.`,
        );
      }
      out(
        `Issued ${run.cards} card${run.cards === 1 ? '' : 's'} on ${run.events} event${run.events === 1 ? '' : 's'} due at ${now.toISOString()}.`,
      );
    },
  },
  'load-calendar': {
    usage: '--file SCHEDULE.json',
    summary:
      "Load a year's 法定节假日 and 调休 make-up working days ({ year, holidays: [{ name, from, to }], workdays: [...] }) as the State Council published them; every deadline counts on it and devices get it with their grids.",
    options: ['file'],
    required: ['file'],
    async run(ctx, v, out) {
      const entry = await loadCalendarYear(ctx, v.file ?? '');
      const off = entry.holidays.map((h) => `${h.name} ${h.from}…${h.to}`).join(', ');
      out(`Loaded ${entry.year}: ${off}; make-up working days ${entry.workdays.join(', ') || 'none'}.`);
    },
  },
  history: {
    usage: '--record RECORD_ID',
    summary:
      'Who changed, merged, deleted or revealed what on one record, and which pulls served it to whom, from the audit log (fields, not values).',
    options: ['record'],
    required: ['record'],
    async run(ctx, v, out) {
      for (const line of await recordHistoryLines(ctx.db, v.record ?? '')) out(line);
    },
  },
  exports: {
    usage: '[--limit N]',
    summary: `The exports from the audit log, newest first (${DEFAULT_EXPORT_LINES} unless --limit): who, when, filter, rows, masked or the reason, outcome, export id.`,
    options: ['limit'],
    required: [],
    async run(ctx, v, out) {
      for (const line of await exportLines(ctx.db, v.limit)) out(line);
    },
  },
  'prune-audit': {
    usage: '--before YYYY-MM-DD',
    summary: `Remove audit rows older than a day at least ${AUDIT_RETENTION_YEARS} years ago (the log is kept that long); the removal is itself audited.`,
    options: ['before'],
    required: ['before'],
    async run(ctx, v, out) {
      const removed = await pruneAudit(ctx, v.before ?? '');
      out(`Removed ${removed} audit row${removed === 1 ? '' : 's'} older than ${v.before}.`);
    },
  },
  'simplify-tracks': {
    usage: '',
    summary:
      'Simplify the GPS tracks first stored more than TRACK_RETENTION_DAYS ago (default 90): raw points are kept only that long; each segment keeps its first and last fix and its length within 1 %. Audited; safe to rerun (run it daily).',
    options: [],
    required: [],
    async run(ctx, _v, out) {
      const days = trackRetentionDays();
      const done = await simplifyOldTracks(ctx, days);
      const km = (m: number) => (m / 1000).toLocaleString('en', { maximumFractionDigits: 2 });
      out(
        `Simplified ${done.segments} track segment${done.segments === 1 ? '' : 's'} of ${done.records} record${done.records === 1 ? '' : 's'} first stored before ${done.storedBefore} (retention ${days} days): ${done.pointsBefore.toLocaleString('en')} → ${done.pointsAfter.toLocaleString('en')} points, length ${km(done.lengthBeforeM)} → ${km(done.lengthAfterM)} km.`,
      );
    },
  },
  'db-size': {
    usage: '',
    summary:
      'Show the size of each table (rows, bytes with its indexes), largest first, and of the whole database.',
    options: [],
    required: [],
    async run(ctx, _v, out) {
      for (const line of await databaseSizeLines(ctx.db)) out(line);
    },
  },
  'list-orgs': {
    usage: '[--under ORG_ID]',
    summary: 'List the org tree (district → street → community → grid), all of it or below one node.',
    options: ['under'],
    required: [],
    async run(ctx, v, out) {
      const tree = await listOrgTree(ctx.db, v.under);
      if (tree.length === 0)
        out('No orgs yet: the demo data brings the Jiangbei org tree; there is no org import yet.');
      for (const org of tree)
        out(`${'  '.repeat(org.depth)}${visibleText(org.id)}  ${org.level}  ${visibleText(org.name)}`);
    },
  },
};

function parseInstant(raw: string): Date {
  const instant = new Date(raw);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ||
    Number.isNaN(instant.getTime())
  )
    throw new AdminError(
      `--now must be a date and time with its zone, such as 2026-10-12T09:00:00+08:00, got "${raw}".`,
    );
  return instant;
}

function formatThresholds(thresholds: Record<string, number>): string {
  return Object.entries(thresholds)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

export function helpText(): string {
  const lines = ['Usage: npm run admin -- <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`  ${name} ${command.usage}`.trimEnd(), `      ${command.summary}`);
  }
  lines.push(
    '',
    `Passwords need at least ${MIN_PASSWORD_LENGTH} characters. Prefer the generated ones: a --password value stays in the shell history.`,
    'The database is the one the server uses: DATABASE_URL (PostgreSQL) if set, else DATA_DIR/gridkeeper.sqlite (DATA_DIR defaults to ./data).',
    'Every change is written to the audit log.',
  );
  return lines.join('\n');
}

/**
 * Every printed line goes through visibleText: names, org names and audit rows come from the
 * database and arguments from the shell, and none of them may drive the terminal. Our own messages
 * keep their line breaks; a value that could hold one is escaped where it is printed.
 */
function escapedIo(io: AdminIo): AdminIo {
  const visible = (text: string) => text.split('\n').map(visibleText).join('\n');
  return { ...io, out: (line) => io.out(visible(line)), err: (line) => io.err(visible(line)) };
}

export async function runAdminCli(argv: readonly string[], rawIo: AdminIo): Promise<number> {
  const io = escapedIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}". Run with --help to see the commands.`);
    return 2;
  }
  const usage = `Usage: npm run admin -- ${name} ${command.usage}`.trimEnd();
  let values: Values;
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(command.options.map((option) => [option, { type: 'string' as const }])),
        ...Object.fromEntries((command.flags ?? []).map((flag) => [flag, { type: 'boolean' as const }])),
      },
      strict: true,
      allowPositionals: false,
    });
    if (parsed.values.help) {
      io.out(`${usage}\n  ${command.summary}`);
      return 0;
    }
    values = Object.fromEntries(
      Object.entries(parsed.values).map(([key, value]) => [key, value === true ? 'yes' : value]),
    ) as Values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const missing = command.required.filter((option) => !values[option]);
  if (missing.length > 0) {
    io.err(`Missing ${missing.map((option) => `--${option}`).join(', ')}.\n${usage}`);
    return 2;
  }

  let db: Kysely<Database> | undefined;
  try {
    db = await io.openDb();
    await command.run({ db, now: io.now, actor: io.actor }, values, io.out);
    return 0;
  } catch (error) {
    if (error instanceof AdminError) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.err(`Error: ${error.message}${error.cause instanceof Error ? `\n${error.cause.message}` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await db?.destroy();
  }
}

function splitIds(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function printPassword(result: { password: string; generated: boolean }, out: (line: string) => void): void {
  if (result.generated) out(`Password (shown only this once; hand it over in person): ${result.password}`);
}
