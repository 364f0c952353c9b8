import { describe, expect, it } from 'vitest';
import { sourceLabel } from '../../lib/labels';
import { BUNDLED } from '../../lib/story-source';

describe('where a story came from, as every screen says it', () => {
  it.each([
    [BUNDLED, 'bundled with Wiretrace'],
    [{ kind: 'imported', name: 'class-week-3.json' } as const, 'imported: class-week-3.json'],
    [{ kind: 'subscription', name: 'Example Wire' } as const, 'from your subscription: Example Wire'],
    [{ kind: 'learned', site: 'apnews.com', date: '2024-11-03' } as const, 'from your reading, apnews.com, 3 Nov'],
    [{ kind: 'added', site: 'example.org', date: '2025-01-20' } as const, 'added by you, example.org, 20 Jan'],
  ])('%j reads "%s"', (source, label) => {
    expect(sourceLabel(source)).toBe(label);
  });
});
