import { describe, expect, it } from 'vitest';
import { createClient, verifyReceipt } from '../src/index.ts';
import { verifySheetQr } from '../src/receipts/index.ts';
import { beijingTime, sheetLayout } from '../src/sheets/index.ts';
import { APP, BASE, checkInput, FOOD_BAN, failure, inProcessPlatform } from './harness.ts';

await inProcessPlatform();

// The check as a record people hold (issue 41): the SDK side of the 核查编号, 核查码 and 结果单.
describe('结果单 and 核查码', () => {
  it('gives every check a 核查编号, and the sheet a QR that verifies offline with the platform keys', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const check = await client.check(checkInput(FOOD_BAN));
    expect(check.serial).toMatch(/^HC-\d{8}-\d{6}$/);
    expect((await client.getCheck(check.serial as string)).checkId).toBe(check.checkId);

    const sheet = await client.createSheet(check.checkId);
    const keys = await client.getKeys();
    const { claims, expired, url } = await verifySheetQr(sheet.qr.text, keys);
    expect(claims).toMatchObject({ sn: check.serial, v: 'restrict', m: 'FOOD_BUSINESS_LICENCE', code: sheet.verification.code });
    expect(expired).toBe(false);
    expect(url).toBe(sheet.verification.verifyUrl);
    // Replayed on the data it was decided on, the check gives the verdict its receipt signed.
    const replay = await client.replayCheck(check.checkId);
    expect(replay.atCheck).toMatchObject({ verdict: 'restrict', matchesReceipt: true });
    expect([replay.now.verdict, replay.changed, replay.changes]).toEqual(['restrict', false, []]);
    // Past the code's period: the sheet is still the platform's, its code no longer verifies.
    expect((await verifySheetQr(sheet.qr.text, keys, { now: Date.parse(sheet.verification.expiresAt) + 1 })).expired).toBe(true);
  });

  it('lays the sheet out once: each reason chained to its entry, the measure it triggers and why it applies to this matter', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const check = await client.check(checkInput(FOOD_BAN));
    const sheet = await client.createSheet(check.checkId);
    const layout = sheetLayout(sheet);
    expect(layout.serial).toBe(`核查编号：${check.serial}`);
    expect(layout.verdict).toContain('限制办理');
    const entry = check.entries[0];
    const measure = check.measures.find((m) => entry && m.triggeredBy.includes(entry.entryId));
    if (!entry || !measure) throw new Error('the ban scenario has an entry and the measure it triggers');
    const chained = layout.reasons.find((r) => r.entry?.some(([label, value]) => label === '名单' && value === entry.listName));
    expect(Object.fromEntries(chained?.entry ?? [])).toMatchObject({
      认定部门: entry.authority,
      认定日期: `${entry.listedAt}，公示至 ${entry.publicationEndsAt}`,
    });
    expect(chained?.measures.map((m) => Object.fromEntries(m))).toContainEqual({
      措施: measure.name,
      措施依据: measure.basis,
      适用理由: `本事项“${check.matter.name}”属于该措施适用的办理事项`,
    });
    // A 办件档案 states China Standard Time, whatever the reader's zone; the footer names the code and its end.
    expect(beijingTime('2026-12-06T16:30:00Z')).toBe('2026-12-07 00:30');
    expect(layout.footer).toContain(sheet.verification.code);
    expect(layout.footer).toContain(beijingTime(sheet.verification.expiresAt));
    expect(layout.response).toBe('尚未记录处理结果。');
  });

  it('never takes a receipt for a QR nor a QR for a receipt, nor a link swapped for another code', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const check = await client.check(checkInput(FOOD_BAN));
    const sheet = await client.createSheet(check.checkId);
    const keys = await client.getKeys();
    const jws = sheet.qr.text.split('#')[1] as string;
    expect((await failure(verifySheetQr(check.receipt, keys))).reason).toBe('MALFORMED');
    expect((await failure(verifyReceipt(jws, keys))).reason).toBe('CLAIMS');
    const swapped = sheet.qr.text.replace(/code=[^#]+/, 'code=ZZZZ-ZZZZ');
    expect((await failure(verifySheetQr(swapped, keys))).reason).toBe('MISMATCH');
  });

  it('looks a code up without credentials: valid, then superseded by a new sheet, then withdrawn', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const check = await client.check(checkInput(FOOD_BAN));
    const first = await client.verifications.issue(check.checkId);
    const anyone = createClient({ baseUrl: BASE });
    expect((await anyone.verifications.get(first.code)).status).toBe('valid');
    const sheet = await client.createSheet(check.checkId);
    expect((await anyone.verifications.get(first.code)).status).toBe('superseded');
    expect(await client.verifications.withdraw(check.checkId)).toEqual({ withdrawn: 1 });
    expect((await anyone.verifications.get(sheet.verification.code)).status).toBe('withdrawn');
    const unknown = await failure(anyone.verifications.get('ZZZZ-ZZZZ'));
    expect([unknown.status, unknown.problem?.code]).toEqual([404, 'NOT_FOUND']);
  });
});
