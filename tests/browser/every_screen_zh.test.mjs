// Every screen in Chinese: only its own server called, axe passes (lib/every_screen.mjs).
import { everyScreenIn } from './lib/every_screen.mjs';

everyScreenIn('Chinese', { lang: 'zh-CN' });
