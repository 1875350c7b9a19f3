export { subjectDigest, subjectDigestInput } from './digest.ts';
export { type Ed25519Signer, RECEIPT_TYP, type ReceiptAlg, type ReceiptSigner, signJws, webCryptoSigner } from './jws.ts';
export { type ReceiptExpectations, verifyReceipt } from './verify.ts';
