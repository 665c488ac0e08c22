// Document fixtures built byte by byte (no binary blobs in the repository): PDFs with a Type1
// Helvetica font, an RC4-encrypted PDF, zips/DOCX, windows-1251 text.
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

// ----------------------------------------------------------------------------------------------
// PDF fixtures

/** A valid PDF: one page per entry of `pages`, each line set in Helvetica, with a correct xref table. */
export function makePdf(pages: string[][], options: { encrypt?: string; trailerExtra?: string } = {}): Uint8Array {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const fontId = 3;
  const firstPageId = 4;
  const kids = pages.map((_, i) => `${firstPageId + i * 2} 0 R`).join(' ');
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((lines, i) => {
    const content = `BT /F1 12 Tf 72 720 Td 16 TL ${lines.map((line) => `(${escape(line)}) Tj T*`).join(' ')} ET`;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${firstPageId + i * 2 + 1} 0 R >>`,
    );
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let encryptRef = '';
  if (options.encrypt !== undefined) {
    add(options.encrypt);
    encryptRef = ` /Encrypt ${objects.length} 0 R`;
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryptRef}${options.trailerExtra ?? ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** RC4, for the standard security handler (revision 2, 40-bit key). */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** A PDF encrypted with a user password (so it cannot be opened without one). */
export function makeEncryptedPdf(userPassword: string): Uint8Array {
  const padding = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
  const pad = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), padding]).subarray(0, 32);
  const md5 = (...parts: Uint8Array[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const permissions = -44;
  const ownerKey = md5(pad('owner-password')).subarray(0, 5);
  const o = rc4(ownerKey, pad(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(pad(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, padding);
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  return makePdf([['secret text']], {
    encrypt: `<< /Filter /Standard /V 1 /R 2 /O <${hex(o)}> /U <${hex(u)}> /P ${permissions} >>`,
    trailerExtra: ` /ID [<${hex(id)}> <${hex(id)}>]`,
  });
}

// ----------------------------------------------------------------------------------------------
// Zip / DOCX fixtures

export interface ZipFile {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
  /** Lie about the CRC-32 in both headers. */
  declaredCrc?: number;
}

export function makeZip(files: ZipFile[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const stored = file.deflate ? deflateRawSync(file.data) : Buffer.from(file.data);
    const method = file.deflate ? 8 : 0;
    const crc = file.declaredCrc ?? crc32(file.data);
    const size = file.declaredSize ?? file.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

export const DOCUMENT_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:body>
    <w:p>
      <w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
      <w:r><w:t xml:space="preserve">Подсудимый находился в </w:t></w:r>
      <w:r><w:rPr><w:b/></w:rPr><w:t>Қамауда</w:t></w:r>
      <w:r><w:instrText> HYPERLINK "http://example.invalid" </w:instrText></w:r>
    </w:p>
    <w:p>
      <w:r><w:t>Smith &amp; Sons &lt;ltd&gt; &#1025;&#x416;</w:t><w:tab/><w:t>end</w:t></w:r>
    </w:p>
    <w:sectPr/>
  </w:body>
</w:document>`;

export const docxFiles = (documentXml: string, deflate = false): ZipFile[] => [
  { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES, 'utf8'), deflate },
  { name: 'word/document.xml', data: Buffer.from(documentXml, 'utf8'), deflate },
];

// ----------------------------------------------------------------------------------------------
// windows-1251

export function encodeWindows1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x0410 && code <= 0x044f) return code - 0x0410 + 0xc0;
    if (code === 0x0401) return 0xa8; // Ё
    if (code === 0x0451) return 0xb8; // ё
    throw new Error(`not in the test's windows-1251 table: ${char}`);
  });
}

// ----------------------------------------------------------------------------------------------
