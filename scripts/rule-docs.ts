/**
 * Fields of the rule files (the JSON files under lib/rules) that document and test a rule: the tests read them, shipped
 * code never does. `notArticle` is an agency site's address its rule must refuse (rules/agency-sites.json); `about` a
 * file's own description.
 */
export const RULE_DOC_FIELDS = ['why', 'example', 'notArticle', 'about'];

/** Rule files, by path: lib/rules/boilerplate.json, and the word lists in lib/rules/words/<language>.json. */
export const RULE_FILE = /[\\/]lib[\\/]rules[\\/](?:[^\\/]+[\\/])*[^\\/]+\.json$/;

/** Drops the documentation fields of every rule, however deep (a list of rules, or lists of them by name). */
function dropDocs(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropDocs(item);
  } else if (value !== null && typeof value === 'object') {
    const rule = value as Record<string, unknown>;
    for (const field of RULE_DOC_FIELDS) delete rule[field];
    for (const item of Object.values(rule)) dropDocs(item);
  }
}

/** A rule file's JSON without its documentation fields (about 5 KB of boilerplate rules, 20 KB of word examples). */
export function withoutRuleDocs(json: string): string {
  const rules: unknown = JSON.parse(json);
  dropDocs(rules);
  return JSON.stringify(rules);
}
