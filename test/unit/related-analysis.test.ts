import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseStory, describeTerm } from '../../src/related/analysis.ts';
import { computeAllPicks } from '../../src/related/choose.ts';
import { createCorpusBuilder } from '../../src/related/corpus.ts';
import { choosePicks, type Profile } from '../../src/related/ranker.ts';
import { cosine } from '../../src/related/vector.ts';

const story = (title: string, body: string, tags: string[] = []) => ({
  language: 'en',
  title,
  dek: '',
  body,
  tags,
});

describe('related stories: what a story is about', () => {
  it('counts a place once, whether it is a word, a name or a tag', () => {
    const features = analyseStory(
      story('Talks in Moscow', 'Ministers met in Moscow. Moscow said the talks went well.', ['Moscow']),
    );
    const keys = [...features.keys()].filter((k) => k.includes('moscow'));
    assert.deepEqual(keys, ['w:moscow'], 'one feature for Moscow');
    // Title 3 + body 1 + body 1, and the tag's 4: not once more as a name, not once more as a tag.
    assert.equal(features.get('w:moscow')!.count, 3 + 1 + 1 + 4);
    assert.deepEqual(describeTerm('w:moscow', features.get('w:moscow')!.label), {
      kind: 'tag',
      label: 'Moscow',
    });
  });

  it('keeps names of several words, and a tag of several words adds to that name', () => {
    const features = analyseStory(
      story('Oil exports', 'Officials in Saudi Arabia raised exports.', ['Saudi Arabia']),
    );
    assert.equal(features.get('n:saudi arabia')!.count, 1.5 + 4);
    assert.ok(features.has('w:saudi') && features.has('w:arabia'), 'its words count as words');
    assert.ok(![...features.keys()].some((k) => k.startsWith('t:')), 'no separate tag features');
  });

  it('a tagged story and an untagged one about the same place share its feature', () => {
    const tagged = analyseStory(story('Wheat harvest', 'Farmers cut wheat early.', ['Egypt']));
    const untagged = analyseStory(story('Wheat prices', 'Bakers in Egypt paid more for wheat.'));
    assert.ok(tagged.has('w:egypt') && untagged.has('w:egypt'));
  });
});

describe('related stories: choosing', () => {
  it('the rebuild’s dense similarity gives the picks the merge-based cosine gives', () => {
    const builder = createCorpusBuilder();
    const texts = [
      ['OPEC cuts crude oil output', 'OPEC ministers agreed to cut crude oil output in Vienna.'],
      ['Crude oil prices rise', 'Crude oil prices rose after OPEC agreed to cut output.'],
      ['Saudi crude exports', 'Saudi Arabia raised crude oil exports to Asia.'],
      ['Wheat harvest in Egypt', 'Egypt harvested more wheat than expected.'],
      ['Wheat imports fall', 'Egypt bought less wheat abroad as the harvest grew.'],
      ['Drought hits wheat', 'A drought cut the wheat harvest in Australia.'],
    ];
    texts.forEach(([title, body], i) =>
      builder.add({
        id: i + 1,
        groupId: null,
        publishedAt: Date.UTC(2026, 0, i + 1),
        ...story(title!, body!),
      }),
    );
    const { profiles } = builder.finish();
    const all = computeAllPicks(profiles);
    for (const profile of profiles) {
      const expected = choosePicks(profile, profiles as Profile[]);
      assert.deepEqual(
        all.get(profile.id)!.map((p) => p.id),
        expected.map((p) => p.id),
      );
      for (const pick of all.get(profile.id)!)
        assert.ok(Math.abs(pick.similarity - cosine(profile.vector, profiles[pick.id - 1]!.vector)) < 1e-12);
    }
    assert.deepEqual(
      all
        .get(1)!
        .map((p) => p.id)
        .slice(0, 2)
        .sort(),
      [2, 3],
      'the oil stories go together',
    );
  });
});
