// Test districts as GeoJSON for POST /api/v1/areas/import: a box's ring and
// an area feature (level, name, code, its parent's code, a box
// [lon0, lat0, lon1, lat1]).
export const ring = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

export const boxFeature = (level, name, code, parent_code, box) => ({
  type: 'Feature',
  properties: { level, name, code, ...(parent_code ? { parent_code } : {}) },
  geometry: { type: 'Polygon', coordinates: [ring(...box)] },
});

// 滨河 with two communities side by side (生态园 west, 后瓦 east), 生态园
// with a grid in its west half; `extra` features are added after them.
export const binhe = (...extra) => ({
  type: 'FeatureCollection',
  features: [
    boxFeature('subdistrict', '滨河', 'BH', null, [111.10, 37.50, 111.14, 37.54]),
    boxFeature('community', '生态园', 'BH-STY', 'BH', [111.10, 37.50, 111.12, 37.52]),
    boxFeature('community', '后瓦', 'BH-HW', 'BH', [111.12, 37.50, 111.14, 37.52]),
    boxFeature('grid', '生态园第一网格', 'BH-STY-1', 'BH-STY', [111.10, 37.50, 111.11, 37.52]),
    ...extra,
  ],
});
