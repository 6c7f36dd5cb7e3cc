// Test districts as GeoJSON for POST /api/v1/areas/import: a box's ring and
// an area feature (level, name, code, its parent's code, a box
// [lon0, lat0, lon1, lat1]).
export const ring = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

export const boxFeature = (level, name, code, parent_code, box) => ({
  type: 'Feature',
  properties: { level, name, code, ...(parent_code ? { parent_code } : {}) },
  geometry: { type: 'Polygon', coordinates: [ring(...box)] },
});
