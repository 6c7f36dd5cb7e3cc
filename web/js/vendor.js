// Loads the pinned third-party libraries from /vendor/<package>@<version>/
// (copied there from node_modules by scripts/vendor-web.mjs), once each.
import { VENDOR } from '/vendor/versions.js';

const loaded = new Map();

function once(url, make) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const el = make();
      el.onload = resolve;
      el.onerror = () => { loaded.delete(url); reject(new Error('cannot load ' + url)); };
      document.head.append(el);
    }));
  }
  return loaded.get(url);
}

const script = (url) => once(url, () => Object.assign(document.createElement('script'), { src: url }));
const style = (url) => once(url, () => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url }));

export async function leaflet() {
  await Promise.all([style(`${VENDOR.leaflet}/leaflet.css`), script(`${VENDOR.leaflet}/leaflet.js`)]);
  return window.L;
}

export async function echarts() {
  await script(`${VENDOR.echarts}/echarts.simple.min.js`);
  return window.echarts;
}
