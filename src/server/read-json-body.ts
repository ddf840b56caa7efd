import type { Context } from 'hono';
import { ApiError } from './api-error';

/**
 * Reads a JSON body of at most `maxBytes`: the declared Content-Length is checked first, then the
 * bytes actually received (a chunked body declares none), so an oversized body is never buffered whole.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const stream = c.req.raw.body;
  if (!stream) throw new ApiError(400, 'validation', 'The request body is empty; a JSON object is expected');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ApiError(400, 'validation', 'The request body is not valid JSON', { cause });
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'too_large', `The request body is larger than ${maxBytes} bytes`);
}
