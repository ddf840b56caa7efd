/**
 * One device's network for the sync model: its own fetch in front of the shared server, which
 * can be switched offline and follows a per-request fault script.
 *
 *   request ──offline?──▶ TypeError (nothing reached the server)
 *      │ next fault of the script (none = ok)
 *      ├─ drop-request    TypeError, never delivered
 *      ├─ server-error    500 from a proxy, never delivered
 *      ├─ drop-response   delivered (the server commits), the device sees a TypeError
 *      ├─ gateway-error   delivered, the device sees a 502
 *      ├─ duplicate       delivered twice, the device sees the second response
 *      ├─ restart         delivered, then the server restarts; the response is lost
 *      └─ edit-in-flight  the device edits a record while the request is out, then delivered
 */
export const FAULTS = [
  'drop-request',
  'server-error',
  'drop-response',
  'gateway-error',
  'duplicate',
  'restart',
  'edit-in-flight',
] as const;
export type Fault = (typeof FAULTS)[number];
/** One entry of a fault script: a fault, or a request that goes through. */
export type Scripted = Fault | 'ok';

export interface Deliverer {
  fetch: typeof fetch;
  restart(): Promise<void>;
}

export interface FaultNetwork {
  fetch: typeof fetch;
  online: boolean;
  /** Faults for the next requests, one each, consumed in order; when empty, requests go through. */
  script: Scripted[];
  /** What the device does while a request is out ('edit-in-flight'); runs at most once. */
  midFlight: (() => Promise<void>) | undefined;
  /** Clears the script and goes online: what the final "heal" does. */
  heal(): void;
}

/** `trace` receives one line per request, for the report of a failing scenario. */
export function faultNetwork(server: Deliverer, trace: (line: string) => void): FaultNetwork {
  const network: FaultNetwork = {
    online: true,
    script: [],
    midFlight: undefined,
    heal() {
      network.online = true;
      network.script = [];
      network.midFlight = undefined;
    },
    fetch: async (input, init) => {
      const path = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
        .pathname;
      const deliver = () => server.fetch(input, init);
      if (!network.online) {
        trace(`${path}: offline`);
        throw new TypeError('Failed to fetch');
      }
      const fault = network.script.shift();
      trace(`${path}: ${fault ?? 'ok'}`);
      switch (fault) {
        case undefined:
        case 'ok':
          return deliver();
        case 'drop-request':
          throw new TypeError('Failed to fetch');
        case 'server-error':
          return jsonError(500, 'internal');
        case 'drop-response':
          await deliver();
          throw new TypeError('network connection lost');
        case 'gateway-error':
          await deliver();
          return jsonError(502, 'internal');
        case 'duplicate':
          await deliver();
          return deliver();
        case 'restart':
          await deliver();
          await server.restart();
          throw new TypeError('network connection lost');
        case 'edit-in-flight': {
          const edit = network.midFlight;
          network.midFlight = undefined;
          await edit?.();
          return deliver();
        }
      }
    },
  };
  return network;
}

function jsonError(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code, message: `injected ${status}` } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
