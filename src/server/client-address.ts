import type { Context } from 'hono';

/**
 * The address the request came from. Behind one reverse proxy (`trustProxy`, env TRUST_PROXY=1)
 * that is the last X-Forwarded-For entry, the one the proxy appended: the entries before it are
 * whatever the client sent. Otherwise the socket's peer, from @hono/node-server's bindings;
 * undefined where there is no socket (in-process `app.request`).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}
