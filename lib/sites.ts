/**
 * News sites the content script runs on by default: the outlets of the seed
 * corpus. Everywhere else it runs only when the reader asks ("Check this page").
 * `*.` also matches the bare domain, so investing.com and all its language
 * editions (uk., de., in., …) are covered.
 */
export const CONTENT_MATCHES = [
  '*://*.cgtn.com/*',
  '*://*.gettotext.com/*',
  '*://*.investing.com/*',
  '*://*.tbsnews.net/*',
  '*://*.voi.id/*',
] as const;

/** Where the bundled index lies inside the built extension. */
export const INDEX_PATH = '/index.json';
