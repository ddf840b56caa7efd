/**
 * A signature made on the phone (签名, 人民调解法 第29条: the agreement takes effect once the parties
 * and the mediator sign). The drawn image is a PNG photo, synced like every photo (photo.ts): the
 * record references it by sha256 and the bytes follow the record. `signer` says whose it is: the
 * id of a party or of a mediator on the same record.
 */
import * as z from 'zod/mini';
import { sha256HexSchema } from './photo';
import { dateTimeSchema } from './text';

/** The one image type a signature pad makes: lossless, so thin strokes stay sharp on paper. */
export const SIGNATURE_MIME_TYPE = 'image/png';
/** Signatures one record may carry: every party and mediator, each signing again a few times. */
export const MAX_SIGNATURES = 120;

export const signatureSchema = z.strictObject({
  id: z.uuid(),
  /** Party id or mediator id of the record. */
  signer: z.uuid(),
  photoId: sha256HexSchema,
  signedAt: dateTimeSchema,
});
export type Signature = z.infer<typeof signatureSchema>;
