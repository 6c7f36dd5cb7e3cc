// The one message table: every user-facing string of the web app, zh-CN first
// (the default, messages/zh-CN.js) and English (messages/en.js), one file per
// language with the same keys, grouped by screen; `{name}` marks a parameter
// filled by t(). A key missing in English falls back to Chinese.
import zhCN from './messages/zh-CN.js';
import en from './messages/en.js';

export const MESSAGES = { 'zh-CN': zhCN, en };
