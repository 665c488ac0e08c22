import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestItemType } from '../../shared/item-type.ts';
import { cyrillicToLatin, latinToCyrillic, suggestSpellings } from '../../shared/transliterate.ts';

test('Kazakh and Russian Cyrillic names get their passport Latin spelling', () => {
  assert.equal(cyrillicToLatin('Әділбекұлы Серік'), 'Adilbekuly Serik');
  assert.equal(cyrillicToLatin('Қасымұлы Ерлан Жұмабайұлы'), 'Kasymuly Erlan Zhumabaiuly');
  assert.equal(cyrillicToLatin('Щербаков Юрий'), 'Shcherbakov Yurii');
  assert.equal(cyrillicToLatin('ЖАНАОЗЕН'), 'ZHANAOZEN');
  assert.equal(cyrillicToLatin('Өскемен, Үштөбе, Ғабит, Ңа, Һ'), 'Oskemen, Ushtobe, Gabit, Na, H');
});

test('Latin names get a Cyrillic spelling; Qazaq Latin letters become Kazakh letters', () => {
  assert.equal(latinToCyrillic('Adilbekuly Serik'), 'Адилбекулы Серик');
  assert.equal(latinToCyrillic('Yerlan Aybek'), 'Ерлан Айбек');
  assert.equal(latinToCyrillic('Shcherbakov Yuriy'), 'Щербаков Юрий');
  assert.equal(latinToCyrillic('Şäkenūly Qanat'), 'Шәкенұлы Қанат');
});

test('suggestions offer the other script only', () => {
  assert.deepEqual(suggestSpellings('Әділбекұлы Серік'), ['Adilbekuly Serik']);
  assert.deepEqual(suggestSpellings('Adilbekuly Serik'), ['Адилбекулы Серик']);
  assert.deepEqual(suggestSpellings('  '), []);
  assert.deepEqual(suggestSpellings('12345'), []);
});

test('the item type is suggested from the content type and the name', () => {
  assert.equal(suggestItemType('video/mp4', 'IMG_0001.MP4'), 'video-of-hearing');
  assert.equal(suggestItemType('image/jpeg', 'x.jpg'), 'photo');
  assert.equal(suggestItemType('application/pdf', 'Приговор Жанаозенского суда.pdf'), 'court-decision');
  assert.equal(suggestItemType('application/pdf', 'Сенімхат.pdf'), 'power-of-attorney');
  assert.equal(suggestItemType('application/pdf', 'scan 12.pdf'), 'other');
});
