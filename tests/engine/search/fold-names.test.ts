// Spelling-complete name search (issue 20): every spelling of a name in the table folds to one form, and a
// search typed in any of them finds a row written in any other — each pair checked both ways, through FTS5
// as the catalog uses it. Names and places from the reference submission (../shared/reference/) and common
// Kazakh and Russian names, in Kazakh Cyrillic, the Russian rendering, the three official Kazakh Latin
// alphabets (2017 apostrophes, 2018 acute accents, 2021 diacritics), passport/English spellings, GOST 7.79
// System B and BGN/PCGN.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import { foldQuery, foldText } from '../../../electron/archive/search/fold.ts';

const Database = createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;

/** Each line: spellings of one name; the first is compared with every other, both ways. */
const NAMES: string[][] = [
  // People in the reference submission
  ['Бауыржан', 'Бауржан', 'Bauyrzhan', 'Baurzhan', 'Baýyrjan', "Bay'yrjan", 'Bauyrjan'],
  ['Мелдехан', 'Meldekhan', 'Meldehan'],
  ['Нұрсұлтан Назарбаев', 'Нурсултан Назарбаев', 'Nursultan Nazarbayev', 'Nursultan Nazarbaev', 'Nūrsūltan Nazarbaev'],
  ['Қасым-Жомарт Тоқаев', 'Касым-Жомарт Токаев', 'Kassym-Jomart Tokayev', 'Qasym-Jomart Toqaev', 'Kasym-Zhomart Tokaev'],
  ['Эльвира Азимова', 'Elvira Azimova', "El'vira Azimova"],
  ['Айдос', 'Aidos', 'Aydos', 'Aıdos', 'Aídos'],
  ['Райгүл Садырбаева', 'Райгуль Садырбаева', 'Raigul Sadyrbayeva', 'Raıgül Sadyrbaeva', 'Raígúl Sadyrbaeva'],
  ['Ақылжан', 'Акылжан', 'Akylzhan', 'Aqyljan', 'Aqylzhan'],
  ['Айкөркем', 'Айкоркем', 'Aikorkem', 'Aıkórkem', "Aiko'rkem", 'Aıkörkem'],
  ['Тимур Кулибаев', 'Timur Kulibayev', 'Timur Kulibaev'],
  ['Шәлипа Бекқұлова', 'Шалипа Беккулова', 'Shalipa Bekkulova', 'Şälipa Bekqūlova', 'Shálipa Bekqulova'],
  ['Саят Әділбекұлы', 'Саят Адилбекулы', 'Sayat Adilbekuly', 'Saiat Ädılbekūly', 'Saıat Ádilbekuly'],
  ['Бахытжан Торегожина', 'Bakhytzhan Toregozhina', 'Bahytzhan Toregojina'],
  ['Бақытжан Төрегожина', 'Bakytzhan Toregozhina', 'Baqytjan Töregojina', 'Baqytjan Tóregojina'],
  ['Азамат Құрманов', 'Азамат Курманов', 'Azamat Kurmanov', 'Azamat Qurmanov'],
  ['Юрий Грехов', 'Yuriy Grekhov', 'Yuri Grekhov', 'Iurii Grekhov', 'Yurij Grekhov'],
  ['Ермек Әбдірешев', 'Ермек Абдрешев', 'Yermek Abdreshev', 'Ermek Äbdıreşev'],
  ['Владимир Козлов', 'Vladimir Kozlov'],
  ['Викрам Рузахунов', 'Vikram Ruzakhunov', 'Vikram Ruzahunov'],
  ['Тимур Турлов', 'Timur Turlov'],
  ['Нұрсұлтан Қуатбаев', 'Нурсултан Куатбаев', 'Nursultan Kuatbayev', 'Nursultan Quatbaev'],
  ['Нұрболат Алпамыс', 'Nurbolat Alpamys', 'Nurbolat Alpamıs'],
  ['Мұратбек Кетебаев', 'Муратбек Кетебаев', 'Muratbek Ketebayev', 'Mūratbek Ketebaev'],
  ['Молдабай Садибеков', 'Moldabay Sadibekov', 'Moldabai Sadibekov', 'Moldabaı Sadibekov', 'Moldabaj Sadibekov'],
  ['Михаил Сизов', 'Mikhail Sizov', 'Mihail Sizov'],
  ['Қосай Маханбаев', 'Косай Маханбаев', 'Kosai Makhanbayev', 'Qosai Mahanbaev'],
  ['Аян Қалмұрат', 'Аян Калмурат', 'Ayan Kalmurat', 'Aian Qalmūrat'],
  ['Ая Садвакасова', 'Aya Sadvakasova', 'Aia Sadvakasova'],
  ['Әсет Жұмадиев', 'Асет Джумадиев', 'Aset Dzhumadiyev', 'Äset Jūmadiev'],
  ['Әділхан Беденбаев', 'Адильхан Беденбаев', 'Adilkhan Bedenbayev', 'Ädılhan Bedenbaev'],
  // Places in the reference submission
  ['Жаңаөзен', 'Жанаозен', 'Zhanaozen', 'Janaózen', "Jan'ao'zen", 'Janaözen'],
  ['Алматы', 'Almaty', 'Almatı'],
  ['Талдықорған', 'Талдыкорган', 'Taldykorgan', 'Taldyqorğan', 'Taldyqorǵan'],
  ['Шымкент', 'Shymkent', 'Şymkent', "S'ymkent"],
  ['Ақтөбе', 'Актобе', 'Aktobe', 'Aqtöbe', 'Aqtóbe'],
  ['Қызылорда', 'Кызылорда', 'Kyzylorda', 'Qyzylorda'],
  ['Атырау', 'Atyrau', 'Atyraý', "Atyray'"],
  ['Маңғыстау', 'Мангистау', 'Mangystau', 'Mańǵystaý', 'Mañğystau'],
  ['Қарағанды', 'Karagandy', 'Qaraǵandy', 'Qarağandy'],
  ['Семей', 'Semey', 'Semei', 'Semej'],
  ['Қостанай', 'Костанай', 'Kostanay', 'Qostanai', 'Qostanaı'],
  ['Өскемен', 'Оскемен', 'Oskemen', 'Öskemen', 'Óskemen'],
  ['Көкшетау', 'Кокшетау', 'Kokshetau', 'Kökşetau', 'Kókshetaý'],
  ['Теміртау', 'Темиртау', 'Temirtau', 'Temirtaý'],
  ['Жезқазған', 'Жезказган', 'Zhezkazgan', 'Jezqazğan'],
  ['Екібастұз', 'Экибастуз', 'Ekibastuz', 'Ekıbastūz'],
  ['Түркістан', 'Turkistan', 'Túrkistan', 'Türkıstan'],
  ['Бостандық', 'Бостандык', 'Bostandyq', 'Bostandyk'],
  ['Қаһарман', 'Кахарман', 'Qaharman', 'Kakharman'],
  // Common Kazakh names
  ['Ерлан', 'Yerlan', 'Erlan'],
  ['Ержан', 'Yerzhan', 'Erjan'],
  ['Нұрлан', 'Нурлан', 'Nurlan', 'Nūrlan'],
  ['Серік', 'Серик', 'Serik', 'Serık'],
  ['Айгүл', 'Айгуль', 'Aigul', 'Aygul', 'Aıgúl', 'Aıgül'],
  ['Гүлнара', 'Гульнара', 'Gulnara', 'Gúlnara'],
  ['Жанар', 'Zhanar', 'Janar'],
  ['Қайрат', 'Кайрат', 'Kairat', 'Kayrat', 'Qairat', 'Qaırat'],
  ['Дәурен', 'Даурен', 'Dauren', 'Däuren', 'Daýren'],
  ['Ғалым', 'Галым', 'Galym', 'Ğalym', 'Ǵalym'],
  ['Әлия', 'Алия', 'Aliya', 'Alia', 'Älia'],
  ['Әсел', 'Асель', 'Assel', 'Asel', 'Äsel'],
  ['Жандос', 'Zhandos', 'Jandos'],
  ['Мақсат', 'Максат', 'Maksat', 'Maqsat'],
  ['Сәуле', 'Сауле', 'Saule', 'Säule', 'Sáýle'],
  ['Ақмарал', 'Акмарал', 'Akmaral', 'Aqmaral'],
  ['Қуаныш', 'Куаныш', 'Kuanysh', 'Quanysh', 'Quanyş', 'Qýanysh', "Quanys'"],
  ['Ұлан', 'Улан', 'Ulan', 'Ūlan'],
  ['Үміт', 'Умит', 'Umit', 'Ümıt', 'Úmit'],
  ['Ғабит', 'Габит', 'Gabit', 'Ğabit'],
  ['Жұлдыз', 'Жулдыз', 'Zhuldyz', 'Juldyz', 'Jūldyz'],
  ['Мөлдір', 'Молдир', 'Moldir', 'Möldır', 'Móldir'],
  ['Нұржан', 'Нуржан', 'Nurzhan', 'Nurjan'],
  ['Ерболат', 'Yerbolat', 'Erbolat'],
  ['Бақыт', 'Бакыт', 'Bakyt', 'Baqyt'],
  ['Талғат', 'Талгат', 'Talgat', 'Talğat'],
  ['Әбдірахман', 'Абдрахман', 'Abdirakhman', 'Abdrakhman', 'Äbdırahman'],
  ['Жақсыбеков', 'Жаксыбеков', 'Zhaksybekov', 'Jaqsybekov'],
  ['Шәріпова', 'Шарипова', 'Sharipova', 'Şäripova'],
  ['Хасенов', 'Khasenov', 'Hasenov', 'Xasenov'],
  ['Тоқтар', 'Токтар', 'Toktar', 'Toqtar'],
  ['Серікбай', 'Серикбай', 'Serikbay', 'Serikbai', 'Serıkbaı'],
  ['Кенжебаев', 'Kenzhebayev', 'Kenjebaev'],
  ['Садықов', 'Садыков', 'Sadykov', 'Sadyqov'],
  ['Тілеуберді', 'Тилеуберди', 'Tileuberdi', 'Tıleuberdı'],
  ['Тлеуберди', 'Tleuberdi', 'Tleuberdy'],
  ['Жақсылық', 'Zhaksylyk', 'Jaqsylyq'],
  // Common Russian names
  ['Фёдор', 'Федор', 'Fyodor', 'Fedor', 'Fiodor', 'Fëdor'],
  ['Пётр', 'Петр', 'Pyotr', 'Petr'],
  ['Алексей', 'Aleksey', 'Alexey', 'Aleksei', 'Aleksej'],
  ['Сергей', 'Sergey', 'Sergei', 'Sergej'],
  ['Андрей', 'Andrey', 'Andrei', 'Andrej'],
  ['Дмитрий', 'Dmitry', 'Dmitriy', 'Dmitrii', 'Dmitrij'],
  ['Наталья', 'Natalya', 'Natalia', "Natal'ya", 'Natal`ya'],
  ['Татьяна', 'Tatyana', 'Tatiana', "Tat'yana"],
  ['Ольга', 'Olga', "Ol'ga", 'Olʹga'],
  ['Екатерина', 'Yekaterina', 'Ekaterina'],
  ['Елена', 'Yelena', 'Elena'],
  ['Анастасия', 'Anastasia', 'Anastasiya'],
  ['Ксения', 'Kseniya', 'Ksenia'],
  ['Александр', 'Aleksandr', 'Alexandr'],
  ['Николай', 'Nikolay', 'Nikolai', 'Nikolaj'],
  ['Григорий', 'Grigory', 'Grigoriy', 'Grigorij'],
  ['Вячеслав', 'Vyacheslav', 'Viacheslav'],
  ['Юлия', 'Yulia', 'Yuliya', 'Iuliia'],
  ['Щербаков', 'Shcherbakov', 'Shherbakov'],
  ['Жуков', 'Zhukov', 'Žukov'],
  ['Цветков', 'Tsvetkov', 'Czvetkov'],
  ['Хабаров', 'Khabarov', 'Habarov', 'Xabarov'],
  ['Ахмедов', 'Akhmedov', 'Ahmedov', 'Axmedov'],
  ['Чернов', 'Chernov', 'Černov'],
  ['Шевченко', 'Shevchenko', 'Ševčenko'],
  ['Соловьёв', 'Solovyov', 'Soloviev', "Solov'yov", "Solov'ev"],
  ['Воробьёв', 'Vorobyov', 'Vorobiev'],
  ['Королёв', 'Korolyov', 'Korolev', 'Korolëv'],
  ['Горбачёв', 'Gorbachev', 'Gorbachyov'],
  ['Хрущёв', 'Khrushchev', 'Khrushchyov', 'Xrushhyov'],
  ['Объединение', 'Obyedinenie', 'Ob”yedineniye'],
];

/** Names that share letters but are different people: the folding must keep them apart. */
const DISTINCT: [string, string][] = [
  ['Ахмет', 'Ахмед'],
  ['Серик', 'Сергей'],
  ['Нурлан', 'Нуржан'],
  ['Асель', 'Асет'],
  ['Бақыт', 'Бақытжан'],
  ['Айгуль', 'Айгерим'],
  ['Ержан', 'Ерлан'],
  ['Тимур', 'Тимофей'],
  ['Maxim', 'Makhim'],
  ['Жанар', 'Занар'],
  ['Шарипов', 'Щарипов'],
  ['Цой', 'Чой'],
];

const pairs: [string, string][] = NAMES.flatMap(([first, ...others]) => others.map((other): [string, string] => [first!, other]));

const db = new Database(':memory:');
after(() => db.close());
db.exec('CREATE VIRTUAL TABLE names USING fts5(folded)');
const insert = db.prepare('INSERT INTO names (rowid, folded) VALUES (?, ?)');
const spellings = [...new Set(NAMES.flat())];
spellings.forEach((spelling, index) => insert.run(index + 1, foldText(spelling)));
const search = db.prepare('SELECT rowid FROM names WHERE names MATCH ?').pluck();
const finds = (query: string, spelling: string) => (search.all(foldQuery(query)) as number[]).includes(spellings.indexOf(spelling) + 1);

test(`the table holds at least 150 pairs of spellings (${pairs.length})`, () => {
  assert.ok(pairs.length >= 150, `${pairs.length} pairs`);
});

test('every spelling of a name folds to the same form', () => {
  const wrong = pairs.filter(([a, b]) => foldText(a) !== foldText(b)).map(([a, b]) => `${a} → ${foldText(a)} ≠ ${b} → ${foldText(b)}`);
  assert.deepEqual(wrong, []);
});

test('a search in one spelling finds the other, both ways', () => {
  const missed: string[] = [];
  for (const [a, b] of pairs) {
    if (!finds(a, b)) missed.push(`${a} does not find ${b}`);
    if (!finds(b, a)) missed.push(`${b} does not find ${a}`);
  }
  assert.deepEqual(missed, []);
});

test('different names stay different, both ways', () => {
  const merged = DISTINCT.filter(([a, b]) => foldText(a) === foldText(b)).map(([a, b]) => `${a} = ${b} (${foldText(a)})`);
  assert.deepEqual(merged, []);
  for (const [a, b] of DISTINCT) {
    db.exec('DELETE FROM names');
    insert.run(1, foldText(b));
    assert.equal((search.all(`"${foldText(a).split(' ').join('" AND "')}"`) as number[]).length, 0, `${a} alone does not find ${b}`);
    db.exec('DELETE FROM names');
    insert.run(1, foldText(a));
    assert.equal((search.all(`"${foldText(b).split(' ').join('" AND "')}"`) as number[]).length, 0, `${b} alone does not find ${a}`);
  }
});
