/** Fields of the rule files (lib/rules/*.json) that document and test a rule: the tests read them, shipped code never does. */
export const RULE_DOC_FIELDS = ['why', 'example'];

/** Rule files, by path. */
export const RULE_FILE = /[\\/]lib[\\/]rules[\\/][^\\/]+\.json$/;

/** A rule file's JSON without its documentation fields (about 5 KB of the content script before compression). */
export function withoutRuleDocs(json: string): string {
  const rules = JSON.parse(json) as Array<Record<string, unknown>>;
  for (const rule of rules) for (const field of RULE_DOC_FIELDS) delete rule[field];
  return JSON.stringify(rules);
}
