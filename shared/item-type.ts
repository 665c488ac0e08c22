import type { ITEM_TYPES } from './schemas.ts';

type ItemType = (typeof ITEM_TYPES)[number];

/** Words in a file name that say what a document is (English, Russian, Kazakh), checked in this order. */
const NAME_HINTS: Array<[RegExp, ItemType]> = [
  [/power.?of.?attorney|\bpoa\b|доверенност|сенімхат/i, 'power-of-attorney'],
  [/indictment|обвинительн|айыптау/i, 'indictment'],
  [/decision|verdict|judgment|judgement|решени|приговор|постановлени|шешім|үкім|қаулы/i, 'court-decision'],
  [/medical|медицин|медосвидетельств|экспертиз|сараптама/i, 'medical-report'],
  [/testimony|statement|показани|объяснени|куәлік|айғақ/i, 'testimony'],
  [/interview|интервью|сұхбат/i, 'interview'],
  [/response|reply|answer|ответ|жауап/i, 'authority-response'],
  [/inquiry|request|запрос|обращени|сұрау|өтініш/i, 'inquiry'],
];

/**
 * The item type a file most likely is, from its content type (an MP4 is a video of a hearing, a
 * JPEG a photo) and the words of its name; "other" when nothing says. A suggestion the user can change.
 */
export function suggestItemType(mimeType: string, fileName: string): ItemType {
  if (mimeType.startsWith('video/')) return 'video-of-hearing';
  if (mimeType.startsWith('image/')) return 'photo';
  for (const [pattern, type] of NAME_HINTS) if (pattern.test(fileName)) return type;
  return 'other';
}
