/**
 * A released migration means the same thing forever, so no migration imports code that may change:
 * only Kysely, the migration helpers and the frozen upcast steps of domain/upcasts/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/server/db/migrations/index';

const DIR = new URL('../../src/server/db/migrations/', import.meta.url);
const ALLOWED = [
  /^kysely$/,
  /^\.\.\/migration-support$/,
  /^\.\.\/\.\.\/\.\.\/domain\/upcasts\/v\d+-to-v\d+$/,
];

describe('the migrations', () => {
  const files = readdirSync(DIR).filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file));

  it('are one file each, numbered without gaps, all listed in order', async () => {
    const listed = Object.keys(await migrationProvider.getMigrations());
    expect(listed.map((name) => name.slice(0, 4))).toEqual(files.map((file) => file.slice(0, 4)));
    expect(files.map((file) => Number(file.slice(0, 4)))).toEqual(files.map((_, index) => index + 1));
  });

  it.each(files)('%s imports nothing that can change', (file) => {
    const source = readFileSync(new URL(file, DIR), 'utf8');
    const imports = [...source.matchAll(/^import[^;]*?from '([^']+)';/gms)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const path of imports)
      expect(
        ALLOWED.some((allowed) => allowed.test(path ?? '')),
        path,
      ).toBe(true);
  });
});
