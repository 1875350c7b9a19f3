/**
 * The subject the 信用提醒 page's sandbox click lists: of 苏州 (3205, so the hall's region
 * subscription hears of it) and none of the scenario table's (their verdicts stay as the sandbox
 * guide says). Fictional, valid (GB 32100 and its GB 11714 code).
 */
export const SANDBOX_CHANGE_SUBJECT = { idType: 'uscc', id: '91320508MA1XQ7D29M', name: '苏州沙箱演示商贸有限公司' } as const;
