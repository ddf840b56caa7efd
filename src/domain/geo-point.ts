import * as z from 'zod/mini';
import { dateTimeSchema } from './text';

/** A position from the phone's GPS (or a pin on the map). Coordinates are `lngLat`, GeoJSON order. */
export const geoPointSchema = z.strictObject({
  lngLat: z.tuple([z.number().check(z.gte(-180), z.lte(180)), z.number().check(z.gte(-90), z.lte(90))]),
  accuracyM: z.optional(z.number().check(z.gte(0), z.lte(100_000))),
  capturedAt: dateTimeSchema,
});

export type GeoPoint = z.infer<typeof geoPointSchema>;
