/**
 * The PDF signature that court software sees (PAdES B-B): a signature field on the last verification
 * page (those pages are outside the page hashes, so filling the signature in changes no hashed page),
 * then the CMS over every byte but the signature itself, from the vault's document key (ManifestSeal.signPdf).
 * @signpdf places the byte ranges; the CMS is the vault's (session/document-signing.ts).
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { PDFDocument, PDFPage } from 'pdf-lib';

// Room for the CMS: a P-256 signature and its certificate take about 1 KiB.
const SIGNATURE_BYTES = 8192;

export function addSignatureField(doc: PDFDocument, page: PDFPage, options: { name: string; reason: string; signingTime: Date }): void {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: page,
    name: options.name,
    reason: options.reason,
    contactInfo: '',
    location: '',
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Custodia',
  });
}

/** Fills the signature field of a saved PDF with `cms(bytes outside the signature)`. */
export async function signPdf(bytes: Uint8Array, cms: (signedBytes: Buffer) => Promise<Buffer>): Promise<Buffer> {
  class VaultSigner extends Signer {
    override sign(signedBytes: Buffer): Promise<Buffer> {
      return cms(signedBytes);
    }
  }
  return new SignPdf().sign(Buffer.from(bytes), new VaultSigner());
}
