import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // lib/ is the engine: pure TypeScript that runs unchanged in the content script, the background,
    // the CLI and the tests. The browser, the UI and the extension's wiring stay outside it.
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt', 'wxt/*', '@wxt-dev/*', 'webextension-polyfill', '@webext-core/*'],
              message: 'lib/ is pure: no browser API (wire it in entrypoints/ or utils/).',
            },
            { group: ['preact', 'preact/*'], message: 'lib/ is pure: UI lives in components/ and entrypoints/.' },
            {
              group: ['**/utils/*', '**/entrypoints/*', '**/components/*', '**/messaging/*'],
              message: 'lib/ does not depend on the extension around it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'lib/ is pure: no browser API.' },
        { name: 'chrome', message: 'lib/ is pure: no browser API.' },
        { name: 'window', message: 'lib/ is pure: take a Document as an argument instead.' },
      ],
    },
  },
  {
    // Page text is never rendered as HTML: no markup strings into the DOM, in any of our code.
    files: ['lib/**', 'entrypoints/**', 'components/**', 'utils/**', 'messaging/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Page text is rendered as text, never as HTML.',
        },
        {
          selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Page text is rendered as text, never as HTML.',
        },
        {
          selector:
            "CallExpression[callee.property.name='insertAdjacentHTML'], CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
          message: 'Page text is rendered as text, never as HTML.',
        },
      ],
    },
  },
);
