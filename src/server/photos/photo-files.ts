/**
 * Photo bytes on disk: `<photoDir>/<first two hex digits>/<sha256>`, metadata in the database
 * (photos.repository.ts). A file is written to a temp name and renamed into place, so a crash
 * mid-write never leaves a truncated photo under its final name.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function photoPath(photoDir: string, sha256: string): string {
  return join(photoDir, sha256.slice(0, 2), sha256);
}

/** Stores the bytes of a photo under its hash; writing the same photo twice is harmless. */
export async function writePhotoFile(photoDir: string, sha256: string, bytes: Uint8Array): Promise<void> {
  const target = photoPath(photoDir, sha256);
  await mkdir(join(photoDir, sha256.slice(0, 2)), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The bytes of a stored photo, or undefined when the file is missing. */
export async function readPhotoFile(photoDir: string, sha256: string): Promise<Buffer | undefined> {
  try {
    return await readFile(photoPath(photoDir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
