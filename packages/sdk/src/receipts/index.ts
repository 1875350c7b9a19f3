export { subjectDigest } from './digest.ts';
export { decodeJws, RECEIPT_TYP, signJws } from './jws.ts';
export { type ReceiptExpectations, verifyReceipt } from './verify.ts';
