import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CompareView } from '../../lib/compare';
import type { StorySource } from '../../lib/story-source';
import { ComparePage } from '../../components/ComparePage';
import { sendMessage, type Answer } from '../../messaging/protocol';
import { StoryList } from './story-list';
import '../../components/page.css';
import '../../components/compare.css';
import '../../components/diff.css';

/** The compare page of the story named in the address (?story=ID), as the background builds it; without one, the stories. */
function Compare() {
  const storyId = new URLSearchParams(location.search).get('story') ?? '';
  const [answer, setAnswer] = useState<Answer<CompareView & { source: StorySource }> | null>(null);
  useEffect(() => {
    if (storyId) void sendMessage('compare', { storyId }).then(setAnswer);
  }, [storyId]);
  if (!storyId) return <StoryList />;
  if (!answer) return <p>Loading…</p>;
  if (!answer.ok) return <StoryList problem={answer.error} />;
  return <ComparePage view={answer.value} source={answer.value.source} />;
}

render(<Compare />, document.getElementById('app')!);
