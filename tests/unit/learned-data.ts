/** Articles and pages for the learning tests, from the stories written for them (tests/fixtures/learning). */
import type { Article } from '../../lib/article';
import { extractText } from '../../lib/extract';
import type { PageToLearn } from '../../lib/learned';
import { storyText, type TestStory } from '../fixtures/learning/stories';

export const AP = 'Associated Press';

export function articleOf(story: TestStory, extra: Partial<Article> = {}, paragraphs?: readonly string[]): Article {
  const result = extractText(storyText(story, paragraphs));
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  return { ...result.article, published: story.published, byline: story.byline, language: 'en', ...extra };
}

export function apPage(
  story: TestStory,
  url: string,
  extra: Partial<Article> = {},
  paragraphs?: readonly string[],
): PageToLearn {
  return { kind: 'learned', url, site: 'apnews.com', agency: AP, article: articleOf(story, extra, paragraphs) };
}

export const FERRY_URL = 'https://apnews.com/article/port-ellis-ferry-strike-4b7d0c2e9a1f4e6b8c3d5a7f9e1b2c4d';
export const BUS_URL = 'https://apnews.com/article/hartwell-bus-lanes-9a8b7c6d5e4f30211203f4e5d6c7b8a9';
