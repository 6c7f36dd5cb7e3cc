// Hash routes → screens. A screen module exports render(view, params, query)
// and may return a cleanup function. A new screen is one line in ROUTES and
// one file in screens/.
export const ROUTES = [
  ['/', () => import('../screens/home.js')],
  ['/near', () => import('../screens/near.js')],
  ['/f/:id', () => import('../screens/facility.js')],
  ['/jobs', () => import('../screens/jobs.js')],
  ['/jobs/:id', () => import('../screens/job.js')],
  ['/activities', () => import('../screens/activities.js')],
  ['/activities/:id', () => import('../screens/activity.js')],
  ['/activities/o/:id', () => import('../screens/activity_date.js')],
  ['/my/activities', () => import('../screens/my_activities.js')],
  ['/clinics', () => import('../screens/clinics.js')],
  ['/clinics/:id', () => import('../screens/clinic.js')],
  ['/clinic-desk', () => import('../screens/clinic_desk.js')],
  ['/clinic-desk/:id', () => import('../screens/clinic_desk.js')],
  ['/my-children', () => import('../screens/my_children.js')],
  ['/afterschool-desk', () => import('../screens/afterschool_desk.js')],
  ['/afterschool-desk/:id', () => import('../screens/afterschool_day.js')],
  ['/staff', () => import('../screens/staff.js')],
  ['/staff/f/:id', () => import('../screens/edit.js')],
  ['/staff/appeals', () => import('../screens/queue.js')],
  ['/staff/appeals/:id', () => import('../screens/case.js')],
  ['/staff/calendar', () => import('../screens/calendar.js')],
  ['/staff/desk', () => import('../screens/elder_desk.js')],
  ['/staff/elders', () => import('../screens/elder_list.js')],
  ['/staff/elders/:id', () => import('../screens/elder_page.js')],
  ['/staff/today', () => import('../screens/team_today.js')],
  ['/staff/canteen/:id/counter', () => import('../screens/canteen_counter.js')],
  ['/staff/canteen/:id/deliveries', () => import('../screens/canteen_deliveries.js')],
  ['/staff/canteen/:id/samples', () => import('../screens/canteen_samples.js')],
  ['/staff/canteen/:id/menu', () => import('../screens/canteen_menu_edit.js')],
  ['/staff/canteen/:id/settlement', () => import('../screens/canteen_settlement.js')],
  ['/staff/canteen/:id/settlement/:month', () => import('../screens/canteen_settlement.js')],
  ['/staff/jobs', () => import('../screens/job_desk.js')],
  ['/staff/job-reviews', () => import('../screens/job_reviews.js')],
  ['/staff/job-complaints', () => import('../screens/job_complaints.js')],
  ['/staff/activities', () => import('../screens/activity_desk.js')],
  ['/staff/activities/:id', () => import('../screens/activity_edit.js')],
  ['/staff/activity-occurrences/:id', () => import('../screens/activity_door.js')],
  ['/staff/volunteers', () => import('../screens/volunteer_desk.js')],
  ['/staff/volunteer-shifts', () => import('../screens/volunteer_shifts.js')],
  ['/staff/volunteer-shifts/:id', () => import('../screens/volunteer_shifts.js')],
  ['/appeal/new', () => import('../screens/appeal_new.js')],
  ['/track', () => import('../screens/track.js')],
  ['/track/:code', () => import('../screens/track.js')],
  ['/signin', () => import('../screens/signin.js')],
  ['/me/appeals', () => import('../screens/my_appeals.js')],
  ['/me/family', () => import('../screens/family.js')],
  ['/me/volunteer', () => import('../screens/my_volunteer.js')],
  ['/verify', () => import('../screens/verify.js')],
  ['/verify/:number', () => import('../screens/verify.js')],
  ['/certificates/:id/print', () => import('../screens/certificate_print.js')],
  ['/dashboard', () => import('../screens/dashboard.js')],
];

export function match(hash) {
  const [path, search = ''] = (hash.replace(/^#/, '') || '/').split('?');
  for (const [pattern, load] of ROUTES) {
    const names = [];
    const re = new RegExp('^' + pattern.replace(/:(\w+)/g, (m, n) => { names.push(n); return '([^/]+)'; }) + '$');
    const m = re.exec(path);
    if (m) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { pattern, load, params, query: new URLSearchParams(search) };
    }
  }
  return null;
}
