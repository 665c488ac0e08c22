// Crafted PDFs for hostile-input tests, built object by object (no binary fixtures): the
// CVE-2024-4367 font trick after the public proof of concept, and a helper for any other shape.

/** A PDF from object bodies (object n is objects[n - 1]), with a correct xref table; object 1 is the catalog. */
export function pdfFromObjects(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const piece = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(piece);
    length += piece.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export const pdfStream = (dictionary: string, data: Buffer | string) => {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
};

/**
 * JavaScript that, if pdf.js ever compiled it, would set a global and write a marker file through
 * whatever `process` it could reach (Node's in the worker, Electron's if nodeIntegration leaked).
 */
export const cvePayload = (markerFile: string) =>
  `globalThis.__pwned = 1; try { (globalThis.process || {}).getBuiltinModule('fs').writeFileSync('${markerFile}', 'pwned') } catch (e) {}`;
const pdfString = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
/** The FontMatrix of the proof of concept: the string closes the generated `c.transform(` call and comments out the rest. */
const evilMatrix = (markerFile: string) => `[0.1 0 0 0.1 0 (1\\);\n${pdfString(cvePayload(markerFile))}\n//)]`;

/** Type1 font with an empty Type1C program (so pdf.js draws glyph paths), text filled with patterns, as in the public PoC. */
export function cveType1Pdf(markerFile: string): Buffer {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R /Contents 6 0 R >>',
    '<< /Font << /F1 5 0 R >> /Pattern << /P1 7 0 R /P2 8 0 R >> >>',
    `<< /Type /Font /Subtype /Type1 /BaseFont /PAXEKO+SourceSansPro-Bold /FirstChar 65 /LastChar 102 /Widths [573 0 582 0 548 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 573 0 573 0 341] /Encoding /WinAnsiEncoding /FontMatrix ${evilMatrix(markerFile)} /FontDescriptor 9 0 R >>`,
    pdfStream('', "47 379 489 230 re S\n/Pattern cs\nBT 50 500 Td 117 TL /F1 150 Tf /P1 scn (AbCdEf) Tj /P2 scn (AbCdEf) ' ET"),
    pdfStream(
      '/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 16 16] /XStep 16 /YStep 16 /Matrix [1 0 0 1 50 0] /Resources << >>',
      '0.65 g 0 0 16 16 re f 0.15 g 0 0 8 8 re f 8 8 8 8 re f',
    ),
    '<< /Type /Pattern /PatternType 2 /Shading << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [46 400 537 400] /Extend [false false] /Function << /FunctionType 2 /Domain [0 1] /C0 [0 0 1] /C1 [1 0.6 0] /N 1 >> >> >>',
    '<< /Type /FontDescriptor /FontName /PAXEKO+SourceSansPro-Bold /Flags 32 /FontBBox [-6 -12 579 713] /ItalicAngle 0 /Ascent 751 /Descent -173 /CapHeight 713 /StemV 100 /MissingWidth 250 /FontFile3 10 0 R >>',
    pdfStream('/Subtype /Type1C', ''),
  ]);
}

/** The same matrix on a Type3 font, whose FontMatrix pdf.js used to accept as is. */
export function cveType3Pdf(markerFile: string): Buffer {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /T3 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix ${evilMatrix(markerFile)} /CharProcs << /a 6 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>`,
    pdfStream('', 'BT /T3 12 Tf 20 100 Td (aaa) Tj ET'),
    pdfStream('', '1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'),
  ]);
}
