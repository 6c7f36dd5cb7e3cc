// Every screen in English: only its own server called, axe passes (lib/every_screen.mjs).
import { everyScreenIn } from './lib/every_screen.mjs';

everyScreenIn('English', { lang: 'en' });
