// The facility kinds and the boolean amenities one can filter on
// (docs/facilities.md, "Amenities per kind").
export const KINDS = ['toilet', 'parking', 'love_station', 'canteen', 'service_centre',
  'liaison_station', 'venue', 'clinic_site', 'afterschool_site'];

export const FILTER_AMENITIES = {
  love_station: ['drinking_water', 'hot_water', 'heating', 'cooling', 'microwave', 'charging', 'first_aid', 'toilet'],
  toilet: ['wheelchair', 'baby_change'],
};
