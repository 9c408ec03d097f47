// Inline SVG maps of Latvia: no tiles, no scripts, no requests to anyone — the page carries its own drawing,
// so it works offline, without JavaScript, and prints.

import { getLatviaMap, mapAttribution } from './latvia-map.js';

/**
 * A sequential blue scale (ColorBrewer "Blues"): lightness falls steadily from class to class, so the order
 * survives grayscale printing and every kind of colour blindness. Class 0 is white — a "white spot".
 */
export const colourScale = ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

/** Colour class boundaries for counts: class i holds counts from `lowerBounds[i]` up to the next bound. */
export type ColourClass = { index: number; from: number; to: number | null; colour: string };

/**
 * Splits 0…maximum into the five colour classes: 0 alone (the white spot), then four ranges of about equal width,
 * so the legend stays readable whether the maximum is 2 or 200.
 */
export function colourClassesFor(maximum: number): ColourClass[] {
  if (maximum <= 0) return [{ index: 0, from: 0, to: 0, colour: colourScale[0] }];
  const steps = Math.min(4, maximum);
  const classes: ColourClass[] = [{ index: 0, from: 0, to: 0, colour: colourScale[0] }];
  let from = 1;
  for (let step = 1; step <= steps; step++) {
    const to = step === steps ? maximum : Math.max(from, Math.round((maximum * step) / steps));
    // With fewer steps than colours, spread them over the scale so the darkest still means "the most".
    const colourIndex = steps === 4 ? step : Math.round((step * 4) / steps);
    classes.push({ index: step, from, to, colour: colourScale[colourIndex]! });
    from = to + 1;
  }
  return classes;
}

/** The colour class a count falls in. */
export function colourClassOf(classes: ColourClass[], count: number): ColourClass {
  return (
    classes.find((entry) => count >= entry.from && (entry.to === null || count <= entry.to)) ??
    classes[classes.length - 1]!
  );
}

/** What one municipality looks like on a choropleth: its fill and the words of its tooltip. */
export type MunicipalityFill = { fill: string; title: string; href?: string };

/** The planners' map: every municipality filled by its class, each with a <title> naming it and its count. */
export function ChoroplethMap(props: {
  titleId: string;
  title: string;
  fills: Map<string, MunicipalityFill>;
  attributionLabel: string;
}) {
  const map = getLatviaMap(1);
  return (
    <figure class="latvia-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-labelledby={props.titleId}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={props.titleId}>{props.title}</title>
        {map.shapes.map((shape) => {
          const fill = props.fills.get(shape.isoCode);
          return (
            <path
              d={shape.path}
              fill={fill?.fill ?? colourScale[0]}
              fill-rule="evenodd"
              stroke="#3a3a3a"
              stroke-width="0.6"
              stroke-linejoin="round"
              data-iso={shape.isoCode}
            >
              <title>{fill?.title ?? shape.name}</title>
            </path>
          );
        })}
      </svg>
      <MapAttribution label={props.attributionLabel} />
    </figure>
  );
}

/**
 * A small locator map for an institution: Latvia in grey, the municipalities it has places in highlighted, a
 * dot at each one's centre — enough to see roughly where in the country a place is.
 */
export function LocatorMap(props: {
  label: string;
  isoCodes: string[];
  points: Array<{ latitude: number; longitude: number }>;
  attributionLabel: string;
}) {
  const map = getLatviaMap(0);
  const highlighted = new Set(props.isoCodes);
  return (
    <figure class="latvia-map locator-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-label={props.label}
        xmlns="http://www.w3.org/2000/svg"
      >
        {map.shapes.map((shape) => (
          <path
            d={shape.path}
            fill={highlighted.has(shape.isoCode) ? '#6baed6' : '#eeeeee'}
            fill-rule="evenodd"
            stroke="#9a9a9a"
            stroke-width="0.8"
          />
        ))}
        {/* Outlines of the highlighted municipalities last, so no neighbour's grey border covers them. */}
        {map.shapes
          .filter((shape) => highlighted.has(shape.isoCode))
          .map((shape) => (
            <path d={shape.path} fill="none" fill-rule="evenodd" stroke="#08306b" stroke-width="2.5" />
          ))}
        {props.points.map((point) => {
          const dot = map.project(point.longitude, point.latitude);
          return <circle cx={dot.x} cy={dot.y} r="9" fill="#a4000f" stroke="#ffffff" stroke-width="3" />;
        })}
      </svg>
      <MapAttribution label={props.attributionLabel} />
    </figure>
  );
}

/** The credit amCharts' licence asks for, as a visible link under every map. */
export function MapAttribution(props: { label: string }) {
  return (
    <figcaption class="map-attribution">
      {props.label} <a href={mapAttribution.href}>{mapAttribution.text}</a>
    </figcaption>
  );
}
