// The city, its streets and communities from /map/boundaries.geojson: one cached, simplified file that every role may
// read, instead of a GraphQL document of every boundary's points (which costs more than most roles may ask for).

/** A failed boundaries request, with the server's message when it sent one. */
export class BoundariesError extends Error {
  constructor(status, message, url = null) {
    super(message);
    this.status = status;
    this.url = url;
  }
}

/**
 * Loads the boundaries and returns the city as a tree: { code, name, level, parentCode, boundary, interiorPoint,
 * children }, children from the features' parentCode (the feature without a parent is the city).
 */
export async function loadBoundaries() {
  const response = await fetch('/map/boundaries.geojson', { headers: { accept: 'application/geo+json, application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new BoundariesError(response.status, body?.message ?? body?.code ?? `HTTP ${response.status}`, response.url);
  }
  const collection = await response.json();
  const nodes = new Map();
  for (const feature of collection.features ?? []) {
    const { code, name, level, parentCode } = feature.properties ?? {};
    if (!code || !feature.geometry) continue;
    nodes.set(code, { code, name, level, parentCode: parentCode ?? null, boundary: feature.geometry,
      interiorPoint: { type: 'Point', coordinates: interiorPoint(feature.geometry) }, children: [] });
  }
  let city = null;
  for (const node of nodes.values()) {
    const parent = node.parentCode && nodes.get(node.parentCode);
    if (parent) parent.children.push(node);
    else if (!city) city = node;
  }
  if (!city) throw new BoundariesError(200, 'the boundaries hold no city');
  for (const node of nodes.values()) node.children.sort((a, b) => a.code.localeCompare(b.code));
  return city;
}

/** Whether a point lies inside a Polygon or MultiPolygon (even-odd over every ring, so holes count as outside). */
export function containsPoint(geometry, [x, y]) {
  return polygonsOf(geometry).some((rings) => rings.reduce((inside, ring) => {
    let crossings = inside;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) crossings = !crossings;
    }
    return crossings;
  }, false));
}

/**
 * A point surely inside the area, for labels and for framing: the middle of the widest inside stretch of a few
 * horizontal lines across its largest polygon. A centroid can fall outside a bent community; this cannot.
 */
export function interiorPoint(geometry) {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) return [0, 0];
  const largest = polygons.reduce((best, rings) => (Math.abs(ringArea(rings[0])) > Math.abs(ringArea(best[0])) ? rings : best));
  const ys = largest[0].map((p) => p[1]);
  const south = Math.min(...ys);
  const north = Math.max(...ys);
  let best = null;
  for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const y = south + (north - south) * share;
    const crossings = [];
    for (const ring of largest) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y)) crossings.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const width = crossings[i + 1] - crossings[i];
      if (!best || width > best.width) best = { width, point: [(crossings[i] + crossings[i + 1]) / 2, y] };
    }
  }
  return best?.point ?? largest[0][0];
}

function polygonsOf(geometry) {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function ringArea(ring) {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return area / 2;
}
