// Multi-page and odd TIFFs from the single-page ones ffmpeg writes (little-endian, strips): the
// files are laid one after another, every offset of each moved by where it now starts, and each
// page's "next IFD" pointed at the following page.
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 11: 4, 12: 8 };
const STRIP_OFFSETS = 273;

export function chainTiffs(files: Buffer[]): Buffer {
  let base = 0;
  const moved = files.map((file) => {
    const copy = Buffer.from(file);
    assertLittleEndian(copy);
    const ifd = copy.readUInt32LE(4);
    const count = copy.readUInt16LE(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const [tag, type, n] = [copy.readUInt16LE(entry), copy.readUInt16LE(entry + 2), copy.readUInt32LE(entry + 4)];
      const size = (TYPE_SIZE[type] ?? 1) * n;
      const outOfLine = size > 4;
      const valueAt = outOfLine ? copy.readUInt32LE(entry + 8) : entry + 8;
      if (tag === STRIP_OFFSETS)
        for (let k = 0; k < n; k++) {
          const at = valueAt + k * (type === 3 ? 2 : 4);
          if (type === 3) copy.writeUInt16LE(copy.readUInt16LE(at) + base, at);
          else copy.writeUInt32LE(copy.readUInt32LE(at) + base, at);
        }
      if (outOfLine) copy.writeUInt32LE(valueAt + base, entry + 8);
    }
    const result = { copy, ifd: ifd + base, nextAt: ifd + 2 + count * 12 };
    base += copy.length + (copy.length % 2);
    return result;
  });
  moved.forEach((page, i) => page.copy.writeUInt32LE(moved[i + 1]?.ifd ?? 0, page.nextAt));
  moved.slice(1).forEach((page) => page.copy.writeUInt32LE(0, 4)); // header of a later file: unused bytes now
  moved[0]!.copy.writeUInt32LE(moved[0]!.ifd, 4);
  return Buffer.concat(moved.flatMap(({ copy }) => (copy.length % 2 ? [copy, Buffer.alloc(1)] : [copy])));
}

/** The same file with its Compression tag set to another value (as a CCITT fax scan would say). */
export function withCompression(file: Buffer, compression: number): Buffer {
  const copy = Buffer.from(file);
  assertLittleEndian(copy);
  const ifd = copy.readUInt32LE(4);
  for (let i = 0; i < copy.readUInt16LE(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    if (copy.readUInt16LE(entry) === 259) copy.writeUInt16LE(compression, entry + 8);
  }
  return copy;
}

function assertLittleEndian(file: Buffer): void {
  if (file.toString('latin1', 0, 2) !== 'II' || file.readUInt16LE(2) !== 42) throw new Error('expected a little-endian TIFF');
}
