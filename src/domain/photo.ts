/**
 * Photos: records reference them by the sha256 of their stored bytes (DESIGN.md "PUT
 * /api/photos/:sha256"). The bytes travel separately from the records, after them, and a record may
 * reach the server before its photos.
 */
import * as z from 'zod/mini';

/** Largest photo the server stores and the device keeps, after on-device compression. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Photos one record (or one checklist entry) may reference. */
export const MAX_PHOTOS_PER_RECORD = 20;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];

/** A photo id: lowercase hex sha256 of the stored bytes. */
export const sha256HexSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));
export const photoMimeTypeSchema = z.enum(PHOTO_MIME_TYPES);

/** The optional `photoIds` list of a record body or a checklist entry. */
export const photoIdsSchema = z.optional(z.array(sha256HexSchema).check(z.maxLength(MAX_PHOTOS_PER_RECORD)));

/** `PUT /api/photos/:sha256` answers this with 201 (stored now) or 200 (stored already). */
export const photoUploadResponseSchema = z.object({
  sha256: sha256HexSchema,
  mime: photoMimeTypeSchema,
  size: z.int(),
});
export type PhotoUploadResponse = z.infer<typeof photoUploadResponseSchema>;

export function isPhotoMimeType(value: string): value is PhotoMimeType {
  return (PHOTO_MIME_TYPES as readonly string[]).includes(value);
}

/**
 * Every photo id a record body references, at any depth: its own `photoIds` and those of checklist
 * entries, hazards, rechecks and any later child list, and the single `photoId` of a signature. Takes `unknown` so the server can read stored
 * bodies without re-validating them.
 */
export function photoIdsOf(body: unknown): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'photoIds' && Array.isArray(child)) {
        for (const id of child) if (typeof id === 'string') ids.add(id);
      } else if (key === 'photoId' && typeof child === 'string') {
        ids.add(child);
      } else if (typeof child === 'object' && child !== null) {
        visit(child);
      }
    }
  };
  visit(body);
  return [...ids];
}

/**
 * Whether `bytes` start like an image of `mime` (JPEG FF D8 FF, PNG signature, RIFF…WEBP), so a
 * mislabelled upload is refused instead of being served back as an image.
 */
export function bytesMatchMimeType(bytes: Uint8Array, mime: PhotoMimeType): boolean {
  const startsWith = (offset: number, signature: readonly number[]) =>
    signature.every((byte, i) => bytes[offset + i] === byte);
  switch (mime) {
    case 'image/jpeg':
      return startsWith(0, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp':
      return startsWith(0, [0x52, 0x49, 0x46, 0x46]) && startsWith(8, [0x57, 0x45, 0x42, 0x50]);
  }
}
