import type * as z from 'zod/mini';
import { PATTERN_MESSAGES } from './common.ts';
import type { FieldError } from './problem.ts';

type Issue = z.core.$ZodIssue;

/** zod locale error maps (`zod/v4/locales/zh-CN.js` …) — injected by the server, left out of browser bundles. */
export interface IssueLocales {
  zh: { localeError: (issue: never) => unknown };
  en: { localeError: (issue: never) => unknown };
}

/** RFC 6901 JSON Pointer for an issue path (`/subject/id`). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function text(result: unknown, fallback: string): string {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String(result.message);
  return fallback;
}

/**
 * Field errors in Chinese and English for a failed parse. Our own refinements (check characters,
 * required deadlines) carry bilingual text and a stable reason; zod's built-in issues are worded by
 * its zh-CN and en locales. Only the *type* of an offending value is ever described, never the
 * value itself, so a personal ID number cannot leak into an error.
 */
export function fieldErrors(issues: readonly Issue[], input?: unknown, locales?: IssueLocales): FieldError[] {
  return issues.map((issue) => {
    const pointer = toPointer(issue.path);
    const params = (issue as { params?: { reason?: string; zh?: string } }).params;
    if (issue.code === 'custom' && params?.zh) {
      return { pointer, code: params.reason ?? 'INVALID', message: { 'zh-CN': params.zh, en: issue.message } };
    }
    const known = issue.code === 'invalid_format' && issue.format === 'regex' ? PATTERN_MESSAGES[issue.pattern ?? ''] : undefined;
    if (known) return { pointer, code: known.reason, message: { 'zh-CN': known['zh-CN'], en: known.en } };
    // The locales name the received type from `input`; give them the value's type, nothing else.
    const raw = issue.code === 'invalid_type' ? { ...issue, input: typeOnly(valueAt(input, issue.path)) } : issue;
    const code = issue.code.toUpperCase();
    if (!locales) return { pointer, code, message: brief(issue) };
    return {
      pointer,
      code,
      message: {
        'zh-CN': text(locales.zh.localeError(raw as never), brief(issue)['zh-CN']),
        en: text(locales.en.localeError(raw as never), brief(issue).en),
      },
    };
  });
}

/** A short bilingual description without locale tables (browser bundles). */
function brief(issue: Issue): { 'zh-CN': string; en: string } {
  const at = issue.path.length ? issue.path.join('.') : '请求';
  const atEn = issue.path.length ? issue.path.join('.') : 'request';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined && !('received' in issue)
        ? { 'zh-CN': `缺少或无效：${at}`, en: `Missing or invalid: ${atEn} (expected ${issue.expected})` }
        : { 'zh-CN': `类型错误：${at}`, en: `Wrong type: ${atEn} (expected ${issue.expected})` };
    case 'too_small':
    case 'too_big':
      return { 'zh-CN': `长度或大小超出范围：${at}`, en: `Out of range: ${atEn}` };
    case 'unrecognized_keys':
      return { 'zh-CN': `不支持的字段：${issue.keys.join('、')}`, en: `Unknown field(s): ${issue.keys.join(', ')}` };
    case 'invalid_value':
      return { 'zh-CN': `取值无效：${at}`, en: `Invalid value: ${atEn} (one of ${issue.values.map(String).join(', ')})` };
    default:
      return { 'zh-CN': `格式无效：${at}`, en: `Invalid: ${atEn}` };
  }
}

/** A stand-in of the same type as `value` (so locale text says "received string" without the string). */
function typeOnly(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return '';
    case 'number':
      return Number.isNaN(value) ? Number.NaN : 0;
    case 'object':
      return value === null ? null : Array.isArray(value) ? [] : {};
    default:
      return value === undefined ? undefined : typeof value === 'boolean' ? false : undefined;
  }
}
