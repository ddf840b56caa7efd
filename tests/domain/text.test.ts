import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { loginRequestSchema, pullQuerySchema, pushRequestSchema } from '../../src/domain/protocol';
import { recordSchema } from '../../src/domain/record-envelope';
import { revealRequestSchema } from '../../src/domain/reveal';
import {
  UNSAFE_MULTILINE_TEXT_MESSAGE,
  UNSAFE_TEXT_MESSAGE,
  unsafeCharacterAt,
  visibleText,
} from '../../src/domain/text';

/** NUL, ESC, tab, DEL, a C1 control (NEL), the bidi override and isolate, a lone surrogate. */
const UNSAFE = ['\u0000', '\u001b', '\t', '\u007f', '\u0085', '\u202e', '\u2066', '\u2069', '\ud800'];

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  items?: { _zod: { def: Def } }[];
  options?: { _zod: { def: Def } }[];
  in?: { _zod: { def: Def } };
}

/** Every string leaf of a schema with its path (list items as `0`, union options as `|n`). */
function stringLeaves(schema: { _zod: { def: Def } }, path = ''): [string, z.ZodMiniType][] {
  const def = schema._zod.def;
  const at = (name: string) => (path ? `${path}.${name}` : name);
  switch (def.type) {
    case 'string':
      return [[path, schema as unknown as z.ZodMiniType]];
    case 'optional':
      return def.innerType ? stringLeaves(def.innerType, path) : [];
    case 'array':
      return def.element ? stringLeaves(def.element, at('0')) : [];
    case 'pipe':
      return def.in ? stringLeaves(def.in, path) : [];
    case 'tuple':
      return (def.items ?? []).flatMap((item, i) => stringLeaves(item, at(String(i))));
    case 'union':
      return (def.options ?? []).flatMap((option, i) => stringLeaves(option, `${path}|${i}`));
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([name, child]) => stringLeaves(child, at(name)));
    default:
      return [];
  }
}

/** The textareas of the app: the only texts that may hold line breaks. */
const MULTILINE = new Set([
  'body.content',
  'body.summary',
  'body.claims',
  'body.failureReason',
  'body.transferFeedback',
  'body.extensions.0.reason',
  'body.sessions.0.statements',
  'body.sessions.0.verifiedFacts',
  'body.agreement.facts',
  'body.agreement.terms',
  'body.followUps.0.measures',
  'body.flowLogs.0.reason',
  'body.remarks',
  'body.hazards.0.feedback',
  'body.hazards.0.rechecks.0.note',
  'entries.0.reasonNote',
  'body.description',
  'body.selfResolvedNote',
  'body.handlingNote',
  'body.rejectReason',
  'body.flowLogs.0.opinion',
  'body.evaluation.comment',
  'body.reviewLogs.0.comment',
]);

/** Ids and codes: their pattern refuses anything unsafe, with the pattern's own message. */
const CODES = new Set([
  'record: gridId',
  'record: body.categoryL2',
  'record: body.departmentId',
  'record: body.flowLogs.0.departmentId',
]);

/** Never shown, so anything printable goes (bidi marks too); control characters do not. */
const PASSWORD = 'login: password';

const SCHEMAS = {
  record: recordSchema,
  login: loginRequestSchema,
  push: pushRequestSchema,
  pull: pullQuerySchema,
  reveals: revealRequestSchema,
} as unknown as Record<string, { _zod: { def: Def } }>;

describe('unsafe characters in texts', () => {
  const leaves = Object.entries(SCHEMAS).flatMap(([name, schema]) =>
    stringLeaves(schema).map(([path, leaf]) => [`${name}: ${path.replace(/^\|\d+\./, '')}`, leaf] as const),
  );

  it('finds the texts of every schema', () => {
    expect(leaves.length).toBeGreaterThan(150);
  });

  it('refuses control characters, bidi overrides and lone surrogates in every string of every schema', () => {
    const accepted: string[] = [];
    for (const [path, leaf] of leaves) {
      if (path === PASSWORD) continue;
      for (const char of UNSAFE) {
        if (z.safeParse(leaf, `ab${char}cd`).success) accepted.push(`${path} ${JSON.stringify(char)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('names the rule in the issue of every free text, so the app can say it in Chinese', () => {
    const other: string[] = [];
    for (const [path, leaf] of leaves) {
      // Ids, phones, codes: their shape refuses it (a grid id's pattern accepts `abcd`).
      if (!z.safeParse(leaf, 'abcd').success || path === PASSWORD || CODES.has(path)) continue;
      const parsed = z.safeParse(leaf, 'ab\u202ecd');
      const messages = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
      if (!messages.some((m) => m === UNSAFE_TEXT_MESSAGE || m === UNSAFE_MULTILINE_TEXT_MESSAGE))
        other.push(path);
    }
    expect(other).toEqual([]);
  });

  it('allows line breaks in the textareas only', () => {
    const multiline = leaves
      .filter(([, leaf]) => z.safeParse(leaf, 'ab\ncd\r\nef').success)
      .map(([path]) => path.split(': ')[1] ?? '');
    expect(new Set(multiline)).toEqual(MULTILINE);
    for (const [path, leaf] of leaves) {
      if (!MULTILINE.has(path.split(': ')[1] ?? '')) continue;
      expect(z.safeParse(leaf, 'ab\rcd').success, `${path}: a lone CR`).toBe(false);
    }
  });

  it('refuses control characters in a password, and nothing printable', () => {
    for (const char of ['\u0000', '\u001b', '\t', '\u0085']) {
      expect(
        z.safeParse(loginRequestSchema, { username: 'hb-grid01', password: `pass${char}word` }).success,
      ).toBe(false);
    }
    const odd = { username: 'hb-grid01', password: 'p\u202eass 字 word👍' };
    expect(z.safeParse(loginRequestSchema, odd).success).toBe(true);
  });

  it('keeps printable text, Chinese and emoji included', () => {
    expect(unsafeCharacterAt('湖滨花园3栋502 👍 «quoted» ‎')).toBeUndefined();
    expect(unsafeCharacterAt('ab\u0000')).toBe(2);
    expect(unsafeCharacterAt('一\n二', { multiline: true })).toBeUndefined();
    expect(unsafeCharacterAt('一\n二')).toBe(1);
  });

  it('shows unsafe characters visibly for a terminal, and leaves the rest alone', () => {
    expect(visibleText('ok\u001b[2J\u001b[Hfake\nline\u202e 张三 👍')).toBe(
      'ok\\u001b[2J\\u001b[Hfake\\u000aline\\u202e 张三 👍',
    );
  });
});
