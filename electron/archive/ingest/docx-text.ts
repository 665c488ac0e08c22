/**
 * The text of a DOCX (its word/document.xml), read with yauzl, a maintained zip reader that checks
 * the central directory and stops an entry that inflates past the size its header declares. What a
 * hostile zip may cost is bounded before anything is inflated: the body's declared size and its
 * compression ratio are capped, and the inflated bytes must match the declared CRC-32.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

/** The largest word/document.xml we inflate: a body beyond this is treated as a zip bomb. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;
/**
 * The most a body may inflate relative to its compressed size. Word's XML compresses about 10:1;
 * deflate cannot exceed about 1032:1, which only a bomb approaches.
 */
const MAX_INFLATE_RATIO = 200;
/** Small bodies skip the ratio check: a few kilobytes cost nothing to inflate whatever their ratio. */
const RATIO_EXEMPT_BYTES = 1024 * 1024;

/**
 * The UTF-8 text of word/document.xml, or null when the zip holds no such entry (a zip that is not
 * a Word document). Throws an Error whose message is the short reason for a damaged, encrypted or bomb-like zip.
 */
export async function readWordDocumentXml(bytes: Uint8Array): Promise<string | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
      // Backslashes become slashes and odd names are tolerated: we only look for one known name.
      strictFileNames: false,
    });
  } catch (error) {
    throw new Error(`damaged zip: ${firstLine(error)}`, { cause: error });
  }
  try {
    let body: yauzl.Entry | undefined;
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName === 'word/document.xml') {
          body = entry;
          break;
        }
      }
    } catch (error) {
      throw new Error(`damaged zip: ${firstLine(error)}`, { cause: error });
    }
    if (!body) return null;
    return new TextDecoder('utf-8').decode(await readBody(zip, body));
  } finally {
    zip.close();
  }
}

async function readBody(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new Error(`unreadable DOCX: ${reason}`, { cause });
  };
  if (entry.isEncrypted()) fail('the entry is encrypted');
  if (!entry.canDecodeFileData()) fail(`unsupported compression method ${entry.compressionMethod}`);
  if (entry.uncompressedSize > MAX_BODY_BYTES)
    fail(`the entry claims ${entry.uncompressedSize} bytes, over the ${MAX_BODY_BYTES}-byte limit`);
  if (entry.uncompressedSize > RATIO_EXEMPT_BYTES && entry.uncompressedSize > entry.compressedSize * MAX_INFLATE_RATIO)
    fail(`the entry claims to inflate more than ${MAX_INFLATE_RATIO} times its size`);
  const chunks: Buffer[] = [];
  try {
    // yauzl ends the stream with an error once it yields more (or fewer) bytes than declared.
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  } catch (error) {
    const reason = /too many bytes/.test(firstLine(error))
      ? 'the entry inflates past its declared size'
      : `cannot inflate: ${firstLine(error)}`;
    fail(reason, error);
  }
  const data = Buffer.concat(chunks);
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) fail('the entry checksum does not match');
  return data;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/**
 * Text of WordprocessingML: the contents of text elements (<w:t>, and <a:t> in text boxes), with
 * tabs, line breaks and a newline after each paragraph. Markup and whitespace between elements are
 * dropped, so field codes and pretty-printing do not leak into the text.
 */
export function wordXmlToText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  let inTabStops = 0; // <w:tabs> in paragraph properties defines tab stops, not tab characters
  const token = /<(\/?)([^\s/>!?]+)[^>]*?(\/?)>|<[!?][^>]*>|([^<]+)/g;
  for (let match = token.exec(xml); match !== null; match = token.exec(xml)) {
    const [, closing, qualifiedName, selfClosing, characters] = match;
    if (characters !== undefined) {
      if (inText > 0) out.push(decodeXmlEntities(characters));
      continue;
    }
    if (qualifiedName === undefined) continue; // comment, processing instruction, CDATA start
    const local = qualifiedName.slice(qualifiedName.indexOf(':') + 1);
    if (local === 't') {
      if (closing) inText = Math.max(0, inText - 1);
      else if (!selfClosing) inText++;
    } else if (local === 'tabs') {
      if (closing) inTabStops = Math.max(0, inTabStops - 1);
      else if (!selfClosing) inTabStops++;
    } else if (!closing && (local === 'tab' || local === 'ptab')) {
      if (inText === 0 && inTabStops === 0) out.push('\t');
    } else if (!closing && (local === 'br' || local === 'cr')) {
      if (inText === 0) out.push('\n');
    } else if (local === 'p' && (closing || selfClosing)) {
      out.push('\n');
    }
  }
  return out.join('').replace(/\n+$/, '');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return XML_ENTITIES[body] ?? whole;
  });
}
