// The role matrix's rows for the volunteers' part in docs/volunteers.md
// (joined into ROUTES by matrix_routes.mjs). The matrix world has no
// volunteer team: admins are the only team admins there; each part's own
// HTTP test shows team staff and the volunteer at work.
export const VOLUNTEERS_ROUTES = {
};
