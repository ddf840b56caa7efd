import { useEffect, useState } from 'preact/hooks';

/** Fixes worse than this are not shown as "you are here": they would mislead more than help. */
const MAX_SHOWN_ACCURACY_M = 200;

/**
 * The worker's position while the map is open (watchPosition, stopped when it closes). Nothing when
 * location is refused or unavailable: the map still works, it just shows no dot.
 */
export function usePosition(): { lngLat: [number, number]; accuracyM: number } | undefined {
  const [position, setPosition] = useState<{ lngLat: [number, number]; accuracyM: number } | undefined>(
    undefined,
  );
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    const watch = navigator.geolocation.watchPosition(
      ({ coords }) =>
        setPosition(
          coords.accuracy <= MAX_SHOWN_ACCURACY_M
            ? { lngLat: [coords.longitude, coords.latitude], accuracyM: coords.accuracy }
            : undefined,
        ),
      () => setPosition(undefined),
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, []);
  return position;
}
