// The docs page's live example: the request shown on the page, computed by the SDK in this
// browser (no server call). An external module, so the page runs under the server's CSP.
import init, { schedule } from './web/loanlens.js';

await init();
const request = document.querySelector('[data-test="sdk-request"]').textContent;
const answer = schedule(request);
document.querySelector('[data-test="sdk-first-payment"]').textContent =
  'error' in answer ? `${answer.error.field}: ${answer.error.message}` : answer.first_payment;
