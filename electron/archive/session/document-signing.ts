/**
 * The vault's identity for PDF signatures that court software checks (PAdES B-B, docs/verify-dossier.md):
 * an ECDSA P-256 key derived from the master key (never stored, gone at lock) and a self-signed
 * certificate made once and kept in the encrypted catalog, so its fingerprint stays the same on every
 * dossier. The CMS is built with PKI.js (PeculiarVentures' maintained CMS/X.509 library) over Node's WebCrypto.
 */
import { createECDH, createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { MetaQueries } from '../catalog/meta.ts';
import type { Database } from '../catalog/database.ts';

const CERTIFICATE_KEY = 'document_certificate';
const OID = {
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;
/** The order of the P-256 group: a private scalar must lie in [1, n-1]. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as EngineCrypto }));

export interface DocumentCertificate {
  der: Buffer;
  /** SHA-256 of the certificate, hex: printed on the cover and the verification page. */
  fingerprint: string;
}

export class DocumentSigning {
  private readonly seed: Buffer;
  private readonly db: Database;
  private readonly meta: MetaQueries;
  private readonly vaultId: string;
  private cached: { certificate: DocumentCertificate; parsed: pkijs.Certificate } | undefined;

  constructor(seed: Buffer, db: Database, meta: MetaQueries, vaultId: string) {
    this.seed = seed;
    this.db = db;
    this.meta = meta;
    this.vaultId = vaultId;
  }

  // Both read the key before their first await: a lock that wipes the seed meanwhile cannot change the key used.
  async certificate(): Promise<DocumentCertificate> {
    return (await this.load(this.keyMaterial())).certificate;
  }

  /** A CMS SignedData (CAdES: content type, message digest, signing-certificate-v2) over `content`, detached. */
  async signCms(content: Uint8Array): Promise<Buffer> {
    const key = this.keyMaterial();
    const { certificate, parsed } = await this.load(key);
    const signingCertificateV2 = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certificate.der) })] })] }),
      ],
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: parsed.issuer, serialNumber: parsed.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
              new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(content) })] }),
              new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
            ],
          }),
        }),
      ],
      certificates: [parsed],
    });
    await signedData.sign(await privateKey(key), 0, 'SHA-256');
    const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(info.toSchema().toBER(false));
  }

  private async load(key: KeyMaterial): Promise<{ certificate: DocumentCertificate; parsed: pkijs.Certificate }> {
    if (this.cached) return this.cached;
    let stored = this.meta.get(CERTIFICATE_KEY);
    if (!stored) {
      const made = Buffer.from(await this.makeCertificate(key)).toString('base64');
      // Another process may have made one meanwhile (same key, other signature): the first one stored stays.
      stored = this.db
        .transaction(() => {
          const existing = this.meta.get(CERTIFICATE_KEY);
          if (!existing) this.meta.set(CERTIFICATE_KEY, made);
          return existing ?? made;
        })
        .immediate();
    }
    const der = Buffer.from(stored, 'base64');
    const parsed = pkijs.Certificate.fromBER(der);
    const spki = Buffer.from(parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    if (!spki.equals(key.point)) throw new Error('the vault’s document certificate does not belong to its key');
    this.cached = { certificate: { der, fingerprint: createHash('sha256').update(der).digest('hex') }, parsed };
    return this.cached;
  }

  private async makeCertificate(key: KeyMaterial): Promise<ArrayBuffer> {
    const certificate = new pkijs.Certificate();
    certificate.version = 2;
    // A positive serial from the key, so it is the same for any copy of this vault.
    certificate.serialNumber = new asn1js.Integer({ valueHex: Uint8Array.from([0x01, ...sha256(key.point).subarray(0, 15)]) });
    for (const name of [certificate.issuer, certificate.subject]) {
      name.typesAndValues.push(
        new pkijs.AttributeTypeAndValue({
          type: OID.commonName,
          value: new asn1js.Utf8String({ value: `Custodia vault ${this.vaultId}` }),
        }),
      );
    }
    certificate.notBefore.value = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1));
    certificate.notAfter.value = new Date(Date.UTC(2049, 11, 31));
    const { d: _private, ...publicJwk } = key.jwk;
    await certificate.subjectPublicKeyInfo.importKey(await webcrypto.subtle.importKey('jwk', publicJwk, ECDSA, true, ['verify']));
    certificate.extensions = [
      new pkijs.Extension({
        extnID: OID.basicConstraints,
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
      }),
      // digitalSignature and nonRepudiation (contentCommitment): a signer's statement about a document.
      new pkijs.Extension({
        extnID: OID.keyUsage,
        critical: true,
        extnValue: new asn1js.BitString({ valueHex: Uint8Array.from([0xc0]), unusedBits: 6 }).toBER(false),
      }),
    ];
    await certificate.sign(await privateKey(key), 'SHA-256');
    return certificate.toSchema(true).toBER(false);
  }

  /** The key pair as JWK and the public point, read from the seed now. */
  private keyMaterial(): KeyMaterial {
    if (this.seed.every((byte) => byte === 0)) throw new Error('the vault is locked; unlock it first');
    const scalar = scalarOf(this.seed);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(scalar);
    const point = ecdh.getPublicKey();
    const b64 = (bytes: Buffer) => bytes.toString('base64url');
    const jwk = { kty: 'EC', crv: 'P-256', d: b64(scalar), x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) };
    scalar.fill(0);
    return { jwk, point };
  }
}

interface KeyMaterial {
  jwk: webcrypto.JsonWebKey;
  /** The uncompressed public point, as the certificate carries it. */
  point: Buffer;
}

function privateKey(key: KeyMaterial): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('jwk', key.jwk, ECDSA, false, ['sign']);
}

/** The P-256 scalar: the seed itself when it lies in the group (all but 2^-32 of seeds), else its hash, again. */
function scalarOf(seed: Buffer): Buffer {
  let candidate: Buffer = Buffer.from(seed);
  for (;;) {
    const value = BigInt(`0x${candidate.toString('hex')}`);
    if (value > 0n && value < P256_ORDER) return candidate;
    candidate = sha256(candidate);
  }
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
