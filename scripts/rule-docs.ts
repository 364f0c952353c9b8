/**
 * Fields of the rule files (lib/rules/*.json) that document and test a rule: the tests read them,
 * shipped code never does. `notArticle` is an agency site's address its rule must refuse
 * (rules/agency-sites.json); `about` a file's own description.
 */
export const RULE_DOC_FIELDS = ['why', 'example', 'notArticle', 'about'];

/** Rule files, by path. */
export const RULE_FILE = /[\\/]lib[\\/]rules[\\/][^\\/]+\.json$/;

function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!RULE_DOC_FIELDS.includes(key)) out[key] = stripped(field);
  return out;
}

/** A rule file's JSON without its documentation fields (about 5 KB of the content script before compression). */
export function withoutRuleDocs(json: string): string {
  return JSON.stringify(stripped(JSON.parse(json)));
}
