import { describe, expect, it } from 'vitest';
import { dayOf, daysApart } from '../../lib/dates';

describe('dates a page or story gives, by calendar day', () => {
  it.each([
    ['2023-11-17', '2023-11-17T21:30:00Z', 0],
    ['2023-11-17', '2023-11-18T01:13:00+08:00', 1],
    ['2025-04-21', '21 April 2025, 17:01', 0],
    ['2025-04-21', 'Published: 21 Apr. 2025, 17:01', 0],
    ['2023-08-23', 'August 26, 2023', 3],
    ['2022-01-12', 'Jan. 10, 2022', 2],
  ])('%s and %s are %i days apart', (a, b, days) => {
    expect(daysApart(a, b)).toBe(days);
  });

  it.each([
    ['a day-month order nobody can tell', '12/01/2022, 13:09'],
    ['no date at all', 'Updated a few minutes ago'],
    ['a day that does not exist', '2023-02-30'],
    ['a month name that is not one', '12 Foo 2022'],
    ['nothing', null],
  ])('reads no day from %s', (_case, text) => {
    expect(dayOf(text)).toBeNull();
  });
});
