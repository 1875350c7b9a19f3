/**
 * Check receipts (compact JWS, Ed25519 or SM2) signed by the platform and verified offline by a
 * backend: the subject digest, signing and verifying.
 *
 * @module @credit-check/sdk/receipts
 */
export { subjectDigest, subjectDigestInput } from './digest.ts';
export { type Ed25519Signer, RECEIPT_TYP, type ReceiptAlg, type ReceiptSigner, signJws, webCryptoSigner } from './jws.ts';
export { type SheetVerification, verifySheetQr } from './sheet.ts';
export { type ReceiptExpectations, verifyReceipt } from './verify.ts';
