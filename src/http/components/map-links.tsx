// "Open in maps" for an address: a geo: URI (a phone offers its own map app) and an OpenStreetMap link. Plain links:
// no map tiles or scripts load with the page, so it stays light and private until the person asks for a map.
import type { Translate } from '../../core/i18n.js';

export type MapPlace = { latitude: number | null; longitude: number | null; address: string | null };

// Five decimals is about a metre: enough to find a door, and short enough to read in a URL.
const coordinate = (value: number) => String(Number(value.toFixed(5)));

/** The geo: URI of a place: its coordinates, or a search for its address (`geo:0,0?q=…`) when they are unknown. */
export function geoHref(place: MapPlace): string | null {
  if (place.latitude !== null && place.longitude !== null)
    return `geo:${coordinate(place.latitude)},${coordinate(place.longitude)}`;
  return place.address ? `geo:0,0?q=${encodeURIComponent(place.address)}` : null;
}

/** The OpenStreetMap page of a place: a marker at its coordinates, or a search for its address when they are unknown. */
export function openStreetMapHref(place: MapPlace): string | null {
  if (place.latitude !== null && place.longitude !== null) {
    const latitude = coordinate(place.latitude);
    const longitude = coordinate(place.longitude);
    return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  }
  return place.address ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(place.address)}` : null;
}

/** The two links after an address: "Open in maps" (geo:) · "OpenStreetMap"; nothing when the place has no address. */
export function MapLinks(props: { place: MapPlace; t: Translate; name?: string }) {
  const geo = geoHref(props.place);
  const osm = openStreetMapHref(props.place);
  if (!geo || !osm) return null;
  // The place's name in each link's accessible name, so a list of cards does not read "Open in maps" ten times.
  const about = props.name ? ` – ${props.name}` : '';
  return (
    <span class="map-links no-print">
      <a href={geo} aria-label={`${props.t('map.open_in_maps')}${about}`}>
        {props.t('map.open_in_maps')}
      </a>
      {' · '}
      <a href={osm} aria-label={`${props.t('map.open_street_map')}${about}`}>
        {props.t('map.open_street_map')}
      </a>
    </span>
  );
}
