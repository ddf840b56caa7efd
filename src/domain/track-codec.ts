/**
 * A compact, lossless text form of a track segment's points, for storage (issue 15 item 6): a
 * point as JSON (`[118.748123,32.227456,1764117000000,12]`) takes about 40 bytes; here it takes
 * about 8. The server stores track segments in this form (server/db/track-store.ts); the wire
 * format keeps JSON arrays. bench/track-storage.ts measures it on a patrol-day.
 *
 * Format `p1:` then, per point, four signed varints in Google's encoded-polyline alphabet
 * (5-bit groups, ASCII 63–126, zigzag sign): lng and lat in millionths of a degree, time in ms
 * and accuracy in metres, each the difference from the point before (the first from 0).
 *
 * Lossless for points as track-recorder.ts keeps them (degrees rounded to 6 places, whole-metre
 * accuracy, integer ms); any other point makes `encodeTrackPoints` answer undefined, so a caller
 * keeps such a segment as JSON instead of silently rounding it.
 */
import type { TrackPoint } from './patrol';

const PREFIX = 'p1:';
const MICRO = 1e6;

/** The points as one string, or undefined when one of them would not survive the round trip. */
export function encodeTrackPoints(points: readonly TrackPoint[]): string | undefined {
  let text = PREFIX;
  let previous = [0, 0, 0, 0];
  for (const point of points) {
    const [lng, lat, time, accuracy] = point;
    const values = [Math.round(lng * MICRO), Math.round(lat * MICRO), time, accuracy];
    if (values[0] !== undefined && values[0] / MICRO !== lng) return undefined;
    if (values[1] !== undefined && values[1] / MICRO !== lat) return undefined;
    if (!Number.isSafeInteger(time) || !Number.isSafeInteger(accuracy)) return undefined;
    for (let i = 0; i < 4; i++) text += varint((values[i] ?? 0) - (previous[i] ?? 0));
    previous = values;
  }
  return text;
}

/** The points of an encoded segment; throws on text that is not one (a corrupt row must not pass). */
export function decodeTrackPoints(text: string): TrackPoint[] {
  if (!text.startsWith(PREFIX)) throw new Error('not an encoded track segment (p1:)');
  const points: TrackPoint[] = [];
  const values = [0, 0, 0, 0];
  let at = PREFIX.length;
  while (at < text.length) {
    for (let i = 0; i < 4; i++) {
      const [delta, next] = readVarint(text, at);
      values[i] = (values[i] ?? 0) + delta;
      at = next;
    }
    const [lng = 0, lat = 0, time = 0, accuracy = 0] = values;
    points.push([lng / MICRO, lat / MICRO, time, accuracy]);
  }
  return points;
}

/** Zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …) then 5-bit groups, low first, 0x20 = more follows. */
function varint(value: number): string {
  // Arithmetic, not bit operators: times in ms need more than 32 bits.
  let rest = value < 0 ? -2 * value - 1 : 2 * value;
  let out = '';
  while (rest >= 0x20) {
    out += String.fromCharCode((0x20 | (rest % 0x20)) + 63);
    rest = Math.floor(rest / 0x20);
  }
  return out + String.fromCharCode(rest + 63);
}

function readVarint(text: string, from: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let at = from; at < text.length; at++) {
    const chunk = text.charCodeAt(at) - 63;
    if (chunk < 0 || chunk > 63) throw new Error(`bad character in an encoded track at ${at}`);
    result += (chunk % 0x20) * scale;
    scale *= 0x20;
    if (chunk < 0x20) return [result % 2 === 0 ? result / 2 : -(result + 1) / 2, at + 1];
  }
  throw new Error('an encoded track ends inside a number');
}
