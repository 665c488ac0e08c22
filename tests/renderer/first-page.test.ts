import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { askFirstPage, FIRST_PAGE, forgetFirstPage, peekFirstPage, takeFirstPage } from '../../renderer/src/cases/first-page.ts';
import { openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** The case list's first page, asked for at unlock (issue 20): shown once, by the same API, and gone at lock. */

let engine: Engine;
beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  for (let i = 0; i < FIRST_PAGE + 3; i++) await engine.call('cases.add', { title: `Іс Жаңаөзен №${i}` });
}, 60_000);
afterAll(() => engine.close());

test('asked at unlock, seen in the first render, taken once', async () => {
  askFirstPage(engine.api);
  expect(peekFirstPage(engine.api), 'nothing before the answer').toBeNull();
  const taken = takeFirstPage(engine.api);
  const answer = await taken!.answer;
  expect(answer.ok && answer.value.cases.length).toBe(FIRST_PAGE);
  expect(answer.ok && answer.value.total).toBe(FIRST_PAGE + 3);
  expect(takeFirstPage(engine.api), 'taken once').toBeNull();

  askFirstPage(engine.api);
  await takeFirstPage({ ...engine.api })?.answer;
  expect(peekFirstPage(engine.api), 'another API takes it away, and gets nothing').toBeNull();

  askFirstPage(engine.api);
  await vi.waitFor(() => expect(peekFirstPage(engine.api)?.cases[0]?.title).toBe('Іс Жаңаөзен №0'), { timeout: 1500 });
  forgetFirstPage();
  expect(peekFirstPage(engine.api), 'forgotten at lock').toBeNull();
});
