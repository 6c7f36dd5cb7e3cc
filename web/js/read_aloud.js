// Read-aloud (适老化) for a text page: a button that says the texts of
// `view`'s elements matching `selector` through the browser's speech, a
// part whose words differ from its text saying its data-speak. null where
// the browser has no speech. The screen's cleanup calls stopReading().
// (The same as facility.js's own button, which keeps its copy for now.)
import { h } from './dom.js';
import { lang } from './i18n.js';

export function readAloudButton(view, selector, label, id = 'read-aloud') {
  if (!('speechSynthesis' in globalThis)) return null;
  return h('button', { type: 'button', class: 'secondary', id, onclick: () => {
    speechSynthesis.cancel();
    const text = [...view.querySelectorAll(selector)]
      .map((el) => (el.dataset.speak ?? el.textContent).trim()).filter(Boolean).join('。');
    const speech = new SpeechSynthesisUtterance(text);
    speech.lang = lang();
    speech.rate = 0.9;
    speechSynthesis.speak(speech);
  } }, label);
}

export function stopReading() { globalThis.speechSynthesis?.cancel(); }
