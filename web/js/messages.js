// The one message table: every user-facing string of the web app, zh-CN first
// (the default, messages/zh-CN.js) and English (messages/en.js), per language
// one file for the public screens, one for staff screens (*-staff.js), one
// for the elder-care desk and team screens (*-care.js) and one for the
// community canteens' menus and sample log (*-canteens.js), one for the
// job posts (*-jobs.js), one for the organisers' activity screens
// (*-activitydesk.js), one for the activities (*-activities.js), one for
// the free clinics and their desk (*-clinics.js), one for after-school
// care (*-afterschool.js), one for the volunteer's own screens, the
// printable certificate and its public verification (*-volunteers.js), the
// same keys in both languages, grouped by screen; `{name}` marks a parameter
// filled by t(). A key missing in English falls back to Chinese.
import zhCN from './messages/zh-CN.js';
import zhCNStaff from './messages/zh-CN-staff.js';
import zhCNCare from './messages/zh-CN-care.js';
import zhCNCanteens from './messages/zh-CN-canteens.js';
import zhCNJobs from './messages/zh-CN-jobs.js';
import zhCNActivities from './messages/zh-CN-activities.js';
import zhActivityDesk from './messages/zh-activitydesk.js';
import zhCNClinics from './messages/zh-CN-clinics.js';
import zhCNAfterschool from './messages/zh-CN-afterschool.js';
import zhCNVolunteers from './messages/zh-CN-volunteers.js';
import zhCNVolunteerStaff from './messages/zh-CN-volunteer-staff.js';
import en from './messages/en.js';
import enStaff from './messages/en-staff.js';
import enCare from './messages/en-care.js';
import enCanteens from './messages/en-canteens.js';
import enJobs from './messages/en-jobs.js';
import enActivities from './messages/en-activities.js';
import enActivityDesk from './messages/en-activitydesk.js';
import enClinics from './messages/en-clinics.js';
import enAfterschool from './messages/en-afterschool.js';
import enVolunteers from './messages/en-volunteers.js';
import enVolunteerStaff from './messages/en-volunteer-staff.js';

export const MESSAGES = {
  'zh-CN': { ...zhCN, ...zhCNStaff, ...zhCNCare, ...zhCNCanteens, ...zhCNJobs, ...zhCNActivities, ...zhActivityDesk, ...zhCNClinics, ...zhCNAfterschool, ...zhCNVolunteers, ...zhCNVolunteerStaff },
  en: { ...en, ...enStaff, ...enCare, ...enCanteens, ...enJobs, ...enActivities, ...enActivityDesk, ...enClinics, ...enAfterschool, ...enVolunteers, ...enVolunteerStaff },
};
