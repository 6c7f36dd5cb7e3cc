// h('p', {class: 'x', onclick}, 'text', child…): a small element builder, so
// screens never assemble HTML from strings (no injection through data):
// children are text or nodes, handlers are listeners. `style` is an object
// set through the CSSOM ({height: '40px'}): the server's Content-Security-
// Policy (style-src 'self') refuses a style="…" attribute, as it refuses
// inline scripts, handler attributes and javascript: URLs.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (name === 'style') throw new TypeError('h(): style takes an object, not a style="…" string');
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  return fill(el, ...children);
}

// Appends children to `el` as h() does: text or nodes, nested arrays
// flattened, null / undefined / false skipped (Element.append would write
// "null" on the page).
export function fill(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
