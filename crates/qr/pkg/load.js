// Added by the calculator's share view (a module script, on its first open): starts the QR
// module and draws the code of every element's `data-qr-text` into it, again whenever that
// text changes, marking the element data-state="ready" (or "failed").
import init, { svg } from './qr.js';

const marked = () => document.querySelectorAll('[data-qr-text]');

function draw(el) {
  const text = el.dataset.qrText;
  if (el.dataset.drawn === text) return;
  el.dataset.drawn = text;
  el.innerHTML = svg(text);
  el.dataset.state = el.firstChild ? 'ready' : 'failed';
}

init().then(
  () => {
    const sync = () => marked().forEach(draw);
    sync();
    new MutationObserver(sync).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-qr-text'],
    });
  },
  () => marked().forEach((el) => { el.dataset.state = 'failed'; }),
);
