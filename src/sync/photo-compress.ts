/**
 * Shrinks a picked or captured image before it is kept: long side at most about 1600 px, JPEG at
 * quality 0.8 (a phone photo of 4–8 MB becomes a few hundred KB), EXIF orientation applied and the
 * rest of the EXIF data (GPS included) dropped by the re-encode. Page only: it needs image
 * decoding and a canvas; OffscreenCanvas where it has a 2D context, else a <canvas>.
 */
import { MAX_PHOTO_BYTES } from '../domain/photo';
import { type PhotoDraft, PhotoInvalidError, photoDraft } from './photo-store';

export const PHOTO_LONG_SIDE_PX = 1600;
export const PHOTO_JPEG_QUALITY = 0.8;

interface Context2d {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
  drawImage(image: ImageBitmap, dx: number, dy: number, dw: number, dh: number): void;
}

/** The parts of HTMLCanvasElement used here (this file also type-checks under the worker lib). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(id: '2d'): Context2d | null;
  toBlob(callback: (blob: Blob | null) => void, type: string, quality: number): void;
}

function draw(context: Context2d, image: ImageBitmap, width: number, height: number): void {
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
}

async function encodeJpeg(image: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d') as Context2d | null;
    if (context) {
      draw(context, image, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
    }
  }
  const page = (globalThis as unknown as { document?: { createElement(tag: 'canvas'): PageCanvas } })
    .document;
  if (!page) throw new Error('No canvas to encode the photo with');
  const canvas = page.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context');
  draw(context, image, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The canvas produced no JPEG'))),
      'image/jpeg',
      PHOTO_JPEG_QUALITY,
    ),
  );
}

/** Decodes, shrinks and re-encodes an image file; throws PhotoInvalidError for a non-image or a too-large result. */
export async function compressPhoto(file: Blob): Promise<PhotoDraft> {
  if (!file.type.startsWith('image/')) throw new PhotoInvalidError('not-image', `Not an image: ${file.type}`);
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new PhotoInvalidError('not-image', `The image cannot be decoded: ${String(error)}`);
  }
  try {
    const scale = Math.min(1, PHOTO_LONG_SIDE_PX / Math.max(image.width, image.height));
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const jpeg = await encodeJpeg(image, width, height);
    if (jpeg.size > MAX_PHOTO_BYTES)
      throw new PhotoInvalidError('too-large', `The photo is ${jpeg.size} bytes after compression`);
    return await photoDraft(await jpeg.arrayBuffer(), 'image/jpeg');
  } finally {
    image.close();
  }
}
