// Evidence thumbnails in Chromium: an image and a video's poster frame are drawn from the media
// ticket, a broken image shows the neutral placeholder, and showing them is logged once per unlock.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { scenePng } from '../../electron/archive/demo/documents.ts';
import { Archive } from '../../electron/archive/index.ts';
import { openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { makeVideo } from '../helpers/media.ts';

const root = tempDir('custodia-thumbs-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
let photoId = '';

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: 'Thumbnails' });
    const file = (name: string) => path.join(root, name);
    writeFileSync(file('photo.png'), scenePng(640, 480));
    photoId = (await archive.importFile(caseId, file('photo.png'), { metadata: { type: 'photo', title: 'Photo' } })).id;
    makeVideo(file('hearing.mp4'), 3);
    await archive.importFile(caseId, file('hearing.mp4'), { metadata: { type: 'video-of-hearing', title: 'Hearing' } });
    // A PNG signature followed by nothing a decoder can use.
    writeFileSync(file('broken.png'), Buffer.concat([scenePng(64, 48).subarray(0, 16), Buffer.alloc(200, 0x41)]));
    await archive.importFile(caseId, file('broken.png'), { metadata: { type: 'photo', title: 'Broken' } });
  } finally {
    archive.lock();
  }
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1366, height: 800 },
    timeoutMs: 20_000,
  });
});
after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Waits (bounded) until no thumbnail is still waiting for its picture. */
async function allSettled() {
  await session.page.getByTestId('item-thumb').nth(2).waitFor();
  for (let i = 0; i < 100; i++) {
    if (Object.values(await states()).every((state) => state !== 'waiting')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`thumbnails still waiting: ${JSON.stringify(await states())}`);
}

const states = () =>
  session.page.evaluate<
    Record<string, string>
  >(`Object.fromEntries([...document.querySelectorAll('[data-testid=item-thumb]')].map((thumb) =>
    [thumb.closest('th').querySelector('.item-open').textContent, thumb.dataset.state]))`);

test('images and videos get thumbnails drawn in the page; a broken image gets the placeholder; logged once per unlock', async () => {
  const { page, bridge } = session;
  await page.goto(bridge.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('rowheader', { name: 'Thumbnails' }).click();
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  await allSettled();
  assert.deepEqual(await states(), { Photo: 'drawn', Hearing: 'drawn', Broken: 'placeholder' });
  // The drawn pictures are small and not blank.
  const sizes = await page.evaluate<Array<[number, number, number]>>(`[...document.querySelectorAll('.thumb-drawn canvas')].map((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return [c.clientWidth, c.clientHeight, new Set(Array.from(pixels.filter((_, i) => i % 4 === 0))).size];
  })`);
  for (const [width, height, shades] of sizes) {
    assert.ok(width <= 64 && height <= 48, `a thumbnail is ${width}×${height}`);
    assert.ok(shades > 3, 'a thumbnail is blank');
  }
  await session.shot('14-evidence-thumbnails-1366');
  // The same list in Kazakh at both sizes, with nothing scrolling sideways.
  await page.locator('.language select').selectOption('kk');
  await session.shot('14-evidence-thumbnails-kk-1366');
  await page.setViewportSize({ width: 1024, height: 700 });
  await session.shot('14-evidence-thumbnails-kk-1024');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.equal(overflow, 0, 'the Kazakh evidence list scrolls sideways at 1024×700');
  // The chosen type ("Барлық түрлері") is read whole: its text, the padding and the arrow fit the box.
  const typeFits = await page.evaluate<{ text: number; room: number }>(`(() => {
    const select = document.querySelector('[data-testid=evidence-filters] select');
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const text = context.measureText(select.selectedOptions[0].textContent).width;
    return { text, room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16 };
  })()`);
  assert.ok(typeFits.text <= typeFits.room, `the type filter cuts its choice: ${JSON.stringify(typeFits)}`);
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.locator('.language select').selectOption('en');

  // Another visit to the list draws them again without another custody event.
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  await allSettled();
  await session.close();
  session = undefined as unknown as BrowserSession;
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const views = archive.custodyEvents(photoId).filter((event) => event.action === 'viewed');
    assert.deepEqual(
      views.map((event) => event.details.via),
      ['thumbnail'],
    );
  } finally {
    archive.lock();
  }
});
