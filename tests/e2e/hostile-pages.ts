/**
 * Hostile variants of the Investing.com fixture, served by the fixture server in both browsers'
 * trust tests (trust.test.ts, firefox.test.ts). Each page carries a probe, run before any page
 * script, that records the longest main-thread block after the load event (ours included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ARTICLE_HTML = readFileSync(join('tests/fixtures/pages/investing-article/source.html'), 'utf8');

/** Chromium's probe: the Long Tasks API (tasks over 50 ms), which Firefox does not implement. */
export const LONG_TASK_PROBE = `<script>
window.__longestAfterLoad = 0;
new PerformanceObserver((list) => {
  const loaded = performance.getEntriesByType('navigation')[0]?.loadEventEnd || Infinity;
  for (const e of list.getEntries()) if (e.startTime >= loaded) window.__longestAfterLoad = Math.max(window.__longestAfterLoad, e.duration);
}).observe({ type: 'longtask', buffered: true });
</script>`;

/** How often the timer probe asks to run. */
const TIMER_PROBE_MS = 10;

/**
 * A probe for any browser: a timer asked for every 10 ms from the load event on; the longest it
 * came late is the longest the main thread was kept busy (a content script runs on that thread too).
 */
export const TIMER_PROBE = `<script>
window.__longestAfterLoad = 0;
addEventListener('load', () => {
  let last = performance.now();
  (function tick() {
    const now = performance.now();
    window.__longestAfterLoad = Math.max(window.__longestAfterLoad, now - last - ${TIMER_PROBE_MS});
    last = now;
    setTimeout(tick, ${TIMER_PROBE_MS});
  })();
});
</script>`;

function variant(probe: string, head: string, body = '', replace: [string, string][] = []): string {
  let html = ARTICLE_HTML.replace('<head>', `<head>\n${probe}\n${head}`).replace('</body>', `${body}\n</body>`);
  for (const [from, to] of replace) {
    if (!html.includes(from)) throw new Error(`fixture text not found: ${from}`);
    html = html.replace(from, to);
  }
  return html;
}

/** Markup the page shows as text; if we ever rendered it as HTML it would set window.__pwned. */
export const HOSTILE_QUOTE = '<img src=x onerror=window.__pwned=1>';
const HOSTILE_TITLE = '<script>window.__pwned=2</script>';

/** A page that blocks its own main thread once after load: shows that the long-task probe works. */
export const BUSY_MS = 600;

/** The hostile pages, host + path → HTML, each with the given probe. */
export function hostilePages(probe: string): Record<string, string> {
  const pages: Record<string, string> = {
    'uk.investing.com/news/hostile/markup': variant(probe, '', '', [
      [
        'There is a real risk for new armed conflict',
        `There is a real risk ${HOSTILE_QUOTE.replace(/</g, '&lt;').replace(/>/g, '&gt;')} for new armed conflict`,
      ],
      // Inert in the live page (scripting is on, so <noscript> holds text); Readability unwraps such
      // images in its copy, where the handler would run if the copy were a live document.
      [
        '<p>&quot;There are significant differences',
        '<noscript><img src="x" onerror="window.__pwned=3"></noscript>\n<p>&quot;There are significant differences',
      ],
      [
        '<h1 class="articleHeader">NATO offers',
        `<h1 class="articleHeader">${HOSTILE_TITLE.replace(/</g, '&lt;').replace(/>/g, '&gt;')} NATO offers`,
      ],
    ]),
    // The page's own globals are not ours: content scripts run in their own world.
    'uk.investing.com/news/hostile/poisoned': variant(
      probe,
      `<script>
for (const name of ['map', 'filter', 'forEach', 'reduce', 'some', 'every', 'push', 'join', 'slice', 'sort', 'includes'])
  Array.prototype[name] = function () { throw new Error('poisoned Array.prototype.' + name); };
JSON.parse = () => { throw new Error('poisoned JSON.parse'); };
JSON.stringify = () => '{"poisoned":true}';
String.prototype.replace = () => 'poisoned';
Object.defineProperty(Node.prototype, 'textContent', { get() { return 'poisoned'; } });
window.Promise = function () { throw new Error('poisoned Promise'); };
</script>`,
    ),
    'uk.investing.com/news/hostile/remover': variant(
      probe,
      `<script>
window.__removed = 0;
new MutationObserver(() => document.querySelectorAll('wiretrace-overlay').forEach((e) => { e.remove(); window.__removed++; }))
  .observe(document.documentElement, { childList: true, subtree: true });
</script>`,
    ),
    'uk.investing.com/news/hostile/huge-dom': variant(
      probe,
      '',
      `<aside id="comments">${'<div><span>comment</span></div>'.repeat(50_000)}</aside>`,
    ),
    'uk.investing.com/news/hostile/huge-text': variant(
      probe,
      '',
      `<div id="dump">${'lorem ipsum '.repeat(440_000)}</div>`,
    ),
    'uk.investing.com/news/hostile/mutating': variant(
      probe,
      `<script>
addEventListener('DOMContentLoaded', () => {
  const ticker = document.body.appendChild(document.createElement('div'));
  setInterval(() => { ticker.textContent = String(Math.random()); }, 4);
});
</script>`,
    ),
    'uk.investing.com/news/hostile/busy': variant(
      probe,
      `<script>
addEventListener('load', () => setTimeout(() => { const end = performance.now() + ${BUSY_MS}; while (performance.now() < end); }, 50));
</script>`,
    ),
  };
  pages['uk.investing.com/news/hostile/mutating-next'] = pages['uk.investing.com/news/hostile/mutating']!;
  return pages;
}
