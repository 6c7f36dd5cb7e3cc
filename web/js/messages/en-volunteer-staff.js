// The English messages of the volunteers' staff screens that have them: a
// team's shifts (vteam.*, js/volunteer_desk_team_shifts.js) and the
// refusals it adds, the same keys as those of zh-CN-volunteer-staff.js;
// every other staff message of the volunteers falls back to Chinese.
// Merged by messages.js.
export default {
  'vdesk.refused.cancelled': 'That is cancelled already.',
  'vdesk.refused.shift_cancelled': 'This shift is cancelled: nobody can sign up for it.',

  'vteam.heading': 'Shifts of {team}',
  'vteam.note': 'The shifts this team runs from {from} to {to}. Numbers only: no volunteer names here.',
  'vteam.none': 'This team runs no shift in these dates.',
  'vteam.when': '{date} {from}–{to}',
  'vteam.counts': '{capacity} places, {signed} signed up, {in} checked in',
  'vteam.cancelled': 'Cancelled: {reason}',
  'vteam.cancel': 'Cancel the shift',
  'vteam.reason': 'Why it is cancelled',
  'vteam.reason_hint': '1–200 characters, kept with the shift.',
  'vteam.reason_missing': 'Say why the shift is cancelled (1–200 characters).',
  'vteam.cancel_note': 'Volunteers signed up but not checked in lose their sign-up with it; those checked in keep it, check out and get their hours as usual.',
  'vteam.cancel_go': 'Cancel “{title}”',
  'vteam.keep': 'Keep it',
  'vteam.done': 'Shift “{title}” cancelled, with {n} sign-ups.',
};
