import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CaseView } from '../../renderer/src/case/CaseView.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { suggestTypeFromBytes } from '../../renderer/src/import/suggest-type.ts';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * The evidence forms: each file of an import batch gets its own details (type suggested from its
 * content) checked by the shared schemas before any byte is sent; a derived item needs its file.
 */
let engine: Engine;
let caseId: string;
const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** The first bytes of an MP4 (ISO base media, brand isom) and of a JPEG. */
const MP4 = bytes(0, 0, 0, 0x18, ...ascii('ftypisom'), 0, 0, 2, 0, ...ascii('isomiso2'), 1, 2, 3);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii('JFIF'), 0, 1, 2, 3);

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Evidence forms' })).id;
  await importBytes(engine, caseId, 'decision.txt', new TextEncoder().encode('Решение суда.'), { title: 'Decision' });
  install(engine);
});
afterAll(() => engine.close());
afterEach(() => document.body.replaceChildren());

function openEvidence() {
  render(
    <I18nProvider>
      <CaseView id={caseId} initialTab="evidence" onBack={() => undefined} onLocked={() => undefined} />
    </I18nProvider>,
  );
}

describe('type suggested from the content', () => {
  test('an MP4 or WebM is a video, a JPEG, PNG or HEIC a photo, an M4A or a PDF no guess', () => {
    expect(suggestTypeFromBytes(MP4)).toBe('video-of-hearing');
    expect(suggestTypeFromBytes(bytes(0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0))).toBe('video-of-hearing');
    expect(suggestTypeFromBytes(JPEG)).toBe('photo');
    expect(suggestTypeFromBytes(bytes(0x89, ...ascii('PNG'), 13, 10, 26, 10))).toBe('photo');
    expect(suggestTypeFromBytes(bytes(0, 0, 0, 0x18, ...ascii('ftypheic')))).toBe('photo');
    expect(suggestTypeFromBytes(bytes(0, 0, 0, 0x18, ...ascii('ftypM4A ')))).toBe('other');
    expect(suggestTypeFromBytes(bytes(...ascii('%PDF-1.7')))).toBe('other');
  });
});

describe('evidence forms', () => {
  test('each file of a batch has its own title, type, date, issuer, language and provenance, checked before the upload', async () => {
    openEvidence();
    fireEvent.click(await screen.findByRole('button', { name: en.importer.open }));
    const panel = within(screen.getByTestId('import-panel'));
    const video = new File([MP4], 'hearing.mp4', { type: '' });
    const scan = new File([JPEG], 'scan.jpg', { type: '' });
    fireEvent.change(panel.getByTestId('import-input'), { target: { files: [video, scan] } });
    await waitFor(() => expect(panel.getAllByTestId('import-file')).toHaveLength(2));
    const [first, second] = panel.getAllByTestId('import-file').map((row) => within(row));
    expect((first!.getByLabelText(en.record.itemType) as HTMLSelectElement).value).toBe('video-of-hearing');
    expect((second!.getByLabelText(en.record.itemType) as HTMLSelectElement).value).toBe('photo');

    const batch = within(panel.getByRole('group', { name: en.importer.acquisition }));
    fireEvent.change(batch.getByLabelText(new RegExp(`^${en.importer.obtainedFrom}`)), { target: { value: 'Court clerk' } });
    fireEvent.change(batch.getByLabelText(new RegExp(`^${en.importer.method}`)), { target: { value: 'copied at the court' } });
    fireEvent.change(first!.getByLabelText(en.record.itemTitle), { target: { value: 'Hearing of 14 September' } });
    fireEvent.change(first!.getByLabelText(en.record.documentDate), { target: { value: '14.09.2022' } });
    fireEvent.change(second!.getByLabelText(en.record.documentDate), { target: { value: '31.02.2022' } });
    fireEvent.change(second!.getByLabelText(en.record.issuingBody), { target: { value: 'Жаңаөзен қалалық соты' } });
    fireEvent.change(second!.getByLabelText(en.record.language), { target: { value: 'kk' } });
    fireEvent.change(second!.getByLabelText(new RegExp(`^${en.importer.obtainedFrom}`)), { target: { value: 'The family' } });

    // A day that does not exist is refused beside that file's date, and nothing is sent.
    fireEvent.click(panel.getByRole('button', { name: en.importer.start(2) }));
    expect(second!.getByText(en.record.dateInvalid)).toBeTruthy();
    expect(first!.queryByText(en.record.dateInvalid)).toBeNull();
    expect(engine.calls).not.toContain('imports.begin');

    fireEvent.change(second!.getByLabelText(en.record.documentDate), { target: { value: '09.2022' } });
    fireEvent.click(panel.getByRole('button', { name: en.importer.start(2) }));
    expect(await panel.findByText(en.importer.summary(2, 0, 0, 0))).toBeTruthy();
    const items = (await engine.call('cases.get', { id: caseId })).items;
    const hearing = items.find((item) => item.originalName === 'hearing.mp4')!;
    const photo = items.find((item) => item.originalName === 'scan.jpg')!;
    expect(hearing).toMatchObject({ type: 'video-of-hearing', title: 'Hearing of 14 September', documentDate: '2022-09-14' });
    expect(hearing.acquisition).toMatchObject({ obtainedFrom: 'Court clerk', method: 'copied at the court' });
    expect(photo).toMatchObject({ type: 'photo', documentDate: '2022-09', issuingBody: 'Жаңаөзен қалалық соты', language: 'kk' });
    expect(photo.acquisition).toMatchObject({ obtainedFrom: 'The family', method: 'copied at the court' });
  });

  test('a derived item needs its file; then it is filed as a translation of the original', async () => {
    openEvidence();
    const decision = (await engine.call('cases.get', { id: caseId })).items.find((item) => item.title === 'Decision')!;
    const rows = await screen.findAllByTestId('edit-item-open');
    const titles = screen.getAllByRole('rowheader').map((row) => row.textContent ?? '');
    fireEvent.click(rows[titles.findIndex((title) => title.startsWith('Decision'))]!);
    const form = within(screen.getByTestId('derive-item'));
    const before = engine.calls.length;
    fireEvent.click(form.getByRole('button', { name: en.record.deriveAdd }));
    expect(form.getByText(en.record.deriveFileRequired)).toBeTruthy();
    expect(engine.calls.length).toBe(before);

    fireEvent.change(form.getByLabelText(en.record.deriveFile), {
      target: { files: [new File(['Decision of the court (translation).'], 'decision-en.txt', { type: 'text/plain' })] },
    });
    fireEvent.change(form.getByLabelText(en.record.language), { target: { value: 'en' } });
    fireEvent.click(form.getByRole('button', { name: en.record.deriveAdd }));
    await waitFor(async () => {
      const items = (await engine.call('cases.get', { id: caseId })).items;
      expect(items.find((item) => item.originalName === 'decision-en.txt')).toMatchObject({
        derivedFrom: decision.id,
        derivation: 'translation',
        language: 'en',
      });
    });
  });
});
