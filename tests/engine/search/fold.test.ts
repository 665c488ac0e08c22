import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import { foldQuery, foldText } from '../../../electron/archive/search/fold.ts';

const Database = createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;

function assertSameFold(variants: string[]): void {
  const expected = foldText(variants[0] as string);
  for (const variant of variants) assert.equal(foldText(variant), expected, `${variant} folds like ${variants[0]}`);
}

test('the folded form is lower-case [a-z0-9] words separated by single spaces', () => {
  const samples = ['  Суд, Жаңаөзен — «Әділбекұлы»!  ', 'a\tb\n\nc', 'ẞtraße ² İstanbul ﬁle', '🙂 emoji 🙂', '\u0301\u0300'];
  for (const sample of samples) assert.match(foldText(sample), /^([a-z0-9]+( [a-z0-9]+)*)?$/, sample);
  assert.equal(foldText(''), '');
  assert.equal(foldText('   ,;  '), '');
  assert.equal(foldText('  Суд,   сад  '), 'sud sad');
  // Characters that expand a lot (NFKD) do not push later text out of the buffer.
  assert.equal(foldText('\u2177'.repeat(200) + ' суд'), `${'vi'.repeat(200)} sud`, 'ⅷ is viii');
});

test('Kazakh, Russian and Latin spellings of a name fold to one form', () => {
  assertSameFold(['Адилбекулы', 'Әділбекұлы', 'ӘДІЛБЕКҰЛЫ', 'Adilbekuly', 'ADILBEKULY', 'Ädılbekūly']);
  assertSameFold(['Жанаозен', 'Жаңаөзен', 'Zhanaozen', 'Zhanaözen', 'Zhanao\u0308zen', 'Janaözen']);
  assertSameFold(['Қасымұлы', 'Касымулы', 'Kasymuly', 'Qasymuly', 'Qasymūly', 'Kassymuly']);
  assertSameFold(['Ахметов', 'Akhmetov', 'Ahmetov']);
  assertSameFold(['Нурсултан', 'Нұрсұлтан', 'Nursultan']);
  assertSameFold(['Тоқаев', 'Токаев', 'Tokayev', 'Tokaev', 'Toqaev']);
  assertSameFold(['Шымкент', 'Shymkent', 'Şymkent', 's\u0327ymkent']);
  assertSameFold(['Алматы', 'Almaty']);
  assertSameFold(['Щукин', 'Shchukin']);
  assertSameFold(['Цой', 'Tsoi', 'Tsoy']);
  assertSameFold(['Юсупов', 'Yusupov', 'Iusupov']);
  assertSameFold(['Яковлев', 'Yakovlev', 'Iakovlev']);
  assertSameFold(['Хасенов', 'Khasenov', 'Hasenov']);
  assertSameFold(['Жумабеков', 'Zhumabekov', 'Jumabekov', 'Žumabekov']);
  assertSameFold(['Чокин', 'Chokin', 'Çokin', 'Čokin']);
  assertSameFold(['Джамбул', 'Dzhambul', 'Djambul', 'Jambul']);
  assertSameFold(['Серикбай', 'Serikbay', 'Serikbai']);
  assertSameFold(['Ерлан', 'Yerlan', 'Erlan']);
  assertSameFold(['Васильев', 'Vasilyev', 'Vasiliev', 'Vasilev']);
  assertSameFold(['Мария', 'Mariya', 'Maria']);
  assertSameFold(['Евгений', 'Evgeny', 'Yevgeniy', 'Evgenii']);
  assertSameFold(['Максим', 'Maxim', 'Maksim']);
  assertSameFold(['Маңғыстау', 'Мангистау', 'Mangystau', 'Mañğystau']);
  assertSameFold(['объект', 'обьект', "ob'ekt", 'obekt']);
});

test('Kazakh letters fold to their Russian neighbours; ё is е; case does not matter', () => {
  const kazakh = 'ә ғ қ ң ө ұ ү һ і';
  const russian = 'а г к н о у у х и';
  assert.equal(foldText(kazakh), foldText(russian));
  assert.equal(foldText(kazakh.toUpperCase()), foldText(russian));
  const query = foldText('камауда');
  const indexed = foldText('қамауда');
  assert.ok(indexed.startsWith(query), `${indexed} begins with ${query}`);
  assert.equal(foldText('ёлка'), foldText('елка'));
  assert.equal(foldText('ЁЛКА'), foldText('елка'));
  assert.equal(foldText('Йога'), foldText('иога'));
  assert.equal(foldText('СУД'), foldText('суд'));
});

test('Latin diacritics are removed, letters with a sound of their own are kept apart', () => {
  assert.equal(foldText('Zhanaözen'), foldText('Zhanaozen'));
  assert.equal(foldText('Café Müller'), foldText('cafe muller'));
  assert.notEqual(foldText('Şymkent'), foldText('Symkent'), 'ş is ш, not s');
  assert.notEqual(foldText('Çokin'), foldText('Cokin'), 'ç is ч, not c');
});

test('distinct common words stay distinct; digits are kept', () => {
  const distinct = [
    ['суд', 'сад'],
    ['Ахмет', 'Ахмед'], // voicing is kept: these are two names
    ['шема', 'схема'], // Cyrillic сх is not ш
    ['сын', 'сон'],
    ['казах', 'каза'],
    ['Жанаозен', 'Жанаозин'],
    ['Алматы', 'Астана'],
    ['статья 272', 'статья 273'],
    ['цех', 'чех'],
    ['шаг', 'щаг'],
    ['зал', 'жал'],
  ];
  for (const [left, right] of distinct) assert.notEqual(foldText(left as string), foldText(right as string), `${left} ≠ ${right}`);
  assert.equal(foldText('статья 272 УК РК'), 'statia 272 uk rk');
  assert.equal(foldText('2022-01-05'), '2022 01 05');
  assert.equal(foldText('1100'), '1100', 'digits are never collapsed');
});

test('accepted collisions, documented in fold.ts', () => {
  assert.equal(foldText('был'), foldText('бил'), 'ы, и, й and і are one letter');
  assert.equal(foldText('класс'), foldText('клас'), 'doubled letters are written once');
  assert.equal(foldText('отцу'), foldText('отсу'), 'ц is ts');
});

test('foldQuery quotes every word, ANDs them and makes the last one a prefix', () => {
  assert.equal(foldQuery(''), '');
  assert.equal(foldQuery('   \t '), '');
  assert.equal(foldQuery('— , ;'), '');
  assert.equal(foldQuery('суд'), '"sud"*');
  assert.equal(foldQuery('Жаңаөзен суд'), '"janaozen" AND "sud"*');
  assert.equal(foldQuery('статья 272'), '"statia" AND "272"*');
  // A half-typed romanisation also tries the letters it may be heading for.
  assert.equal(foldQuery('Ak'), '("ak"* OR "ah"*)');
  assert.equal(foldQuery('Tokay'), '("tokai"* OR "tokae"*)');
  assert.equal(foldQuery('решени'), '("reweni"* OR "rewene"*)');
  assert.equal(foldQuery('Д'), '"d"*', 'the Latin completions are not tried after a Cyrillic letter');
});

test('FTS5 syntax in a query is neutralised', () => {
  const hostile = [
    'a" OR "b',
    'NEAR(a b)',
    'NEAR(a b, 3)',
    'title:x',
    '{title body}: x',
    '-x',
    'a NOT b',
    'a AND',
    'OR',
    '(',
    ')',
    '*',
    "'",
    '"',
    '^x',
    'x^',
    'a + b',
    '"unterminated',
    'a:b:c',
    '\u0000',
  ];
  for (const query of hostile) {
    const expression = foldQuery(query);
    const unquoted = expression.replace(/"[a-z0-9]+"\*?/g, 'T');
    assert.match(unquoted, /^(|(T|\(T( OR T)*\))( AND (T|\(T( OR T)*\)))*)$/, `${query} → ${expression}`);
  }
  assert.equal(foldQuery('a" OR "b'), '"a" AND "or" AND "b"*');
  assert.equal(foldQuery('title:x'), '"title" AND "ks"*');
});

const db = new Database(':memory:');
after(() => db.close());
db.exec('CREATE VIRTUAL TABLE t USING fts5(folded)');
const rows: Record<string, string> = {
  adilbekuly: 'Әділбекұлы Ержан Серікұлы',
  kasymuly: 'Қасымұлы Нұрлан',
  zhanaozen: 'Жаңаөзен қаласы, 2011 жылғы желтоқсан',
  akhmetov: 'Ахметов Тимур Маратович',
  tokayev: 'Токаев К.К.',
  shymkent: 'Шымкент қалалық соты',
  court: 'Суд отказал в ходатайстве',
  garden: 'Сад у дома',
  detention: 'Ол қамауда отыр',
  tree: 'Ёлка на площади',
  article: 'Статья 272 УК РК',
  english: 'Zhanaözen strike, statement by Kassymuly',
  decision: 'Решение суда первой инстанции',
  dzhambul: 'Джамбулская область',
};
const insert = db.prepare('INSERT INTO t (rowid, folded) VALUES (?, ?)');
const ids = Object.keys(rows);
ids.forEach((id, index) => insert.run(index + 1, foldText(rows[id] as string)));
const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck();

function found(query: string): string[] {
  const expression = foldQuery(query);
  if (expression === '') return [];
  return (search.all(expression) as number[]).map((rowid) => ids[rowid - 1] as string);
}

test('FTS5 round trip: every spelling finds its row and not the others', () => {
  const expectations: [string, string[]][] = [
    ['Адилбекулы', ['adilbekuly']],
    ['Әділбекұлы', ['adilbekuly']],
    ['ӘДІЛБЕКҰЛЫ', ['adilbekuly']],
    ['Adilbekuly', ['adilbekuly']],
    ['adilbekuly erzhan', ['adilbekuly']],
    ['Касымулы', ['kasymuly', 'english']],
    ['Kasymuly', ['kasymuly', 'english']],
    ['Qasymuly', ['kasymuly', 'english']],
    ['Kassymuly', ['kasymuly', 'english']],
    ['Қасымұлы Нурлан', ['kasymuly']],
    ['Жанаозен', ['zhanaozen', 'english']],
    ['Zhanaozen', ['zhanaozen', 'english']],
    ['Janaözen 2011', ['zhanaozen']],
    ['zhanaozen strike', ['english']],
    ['Akhmetov', ['akhmetov']],
    ['Ahmetov', ['akhmetov']],
    ['Ахметов Тимур', ['akhmetov']],
    ['Tokayev', ['tokayev']],
    ['Tokaev', ['tokayev']],
    ['Тоқаев', ['tokayev']],
    ['Shymkent', ['shymkent']],
    ['Şymkent', ['shymkent']],
    ['Шымкент', ['shymkent']],
    ['суд', ['court', 'decision']], // the last word is a prefix: суд finds суда
    ['суда', ['decision']],
    ['решение', ['decision']],
    ['reshenie', ['decision']],
    ['Dzhambulskaya', ['dzhambul']],
    ['Jambulskaia', ['dzhambul']],
    ['сад', ['garden']],
    ['камауда', ['detention']],
    ['қамауда', ['detention']],
    ['елка', ['tree']],
    ['ЁЛКА', ['tree']],
    ['статья 272', ['article']],
    ['статья 273', []],
    ['УК РК', ['article']],
  ];
  for (const [query, expected] of expectations) assert.deepEqual(found(query), expected, `${query} → ${foldQuery(query)}`);
});

test('FTS5 round trip: typing as you search finds the row from the first letters', () => {
  for (const typed of ['Ә', 'Әд', 'Adi', 'Adilb', 'Адилбек']) assert.ok(found(typed).includes('adilbekuly'), typed);
  for (const typed of ['A', 'Ak', 'Akh', 'Akhm', 'Ахм']) assert.ok(found(typed).includes('akhmetov'), typed);
  for (const typed of ['To', 'Tok', 'Toka', 'Tokay', 'Tokaye', 'Тоқ']) assert.ok(found(typed).includes('tokayev'), typed);
  for (const typed of ['S', 'Sh', 'Shy', 'Şy', 'Шым']) assert.ok(found(typed).includes('shymkent'), typed);
  for (const typed of ['Z', 'Zh', 'Zhanaö', 'Жаңа']) assert.ok(found(typed).includes('zhanaozen'), typed);
  for (const typed of ['Р', 'Реш', 'решени', 'reshen', 'reshenie']) assert.ok(found(typed).includes('decision'), typed);
  for (const typed of ['D', 'Dz', 'Dzh', 'J', 'Дж']) assert.ok(found(typed).includes('dzhambul'), typed);
  assert.deepEqual(found('суд отк'), ['court']);
});

test('FTS5 round trip: a hostile query never raises a syntax error', () => {
  const hostile = [
    'a" OR "b',
    'NEAR(a b)',
    'NEAR(суд сад, 1)',
    'folded:суд',
    '{folded}: суд',
    '-суд',
    'суд NOT сад',
    'суд AND',
    'AND',
    'OR OR',
    'NOT',
    '(',
    ')',
    '*',
    '**суд',
    "'",
    '"',
    '""',
    '^суд',
    'суд^',
    'суд + сад',
    '"unterminated',
    'a:b:c',
    '\u0000',
    '\\',
    'rowid = 1',
    "'; DROP TABLE t; --",
  ];
  for (const query of hostile) {
    const expression = foldQuery(query);
    if (expression === '') continue;
    assert.doesNotThrow(() => search.all(expression), `${query} → ${expression}`);
  }
  assert.deepEqual(found('-суд'), found('суд'), 'a leading - is not NOT');
  assert.deepEqual(found('folded:суд'), [], 'a column filter is two words, both required');
  assert.deepEqual(found('суд OR сад'), [], 'OR is a word to find, not an operator');
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), ids.length);
});
