// Where screenshots go: $WARMCITY_SCREENSHOTS (ctest: build/screenshots).
import { mkdirSync } from 'node:fs';

export const SHOTS = process.env.WARMCITY_SCREENSHOTS || 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });

export const shot = (page, name, fullPage = false) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
