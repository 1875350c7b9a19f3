import type { EventType, IdType, Measure, Route } from '@credit-check/sdk/contract';

/**
 * 定向推送 (003 §六): who must hear of a change to a subject's credit, and why. Pure: the platform
 * passes the subscriptions, the measures the change triggers and the subject's history with
 * departments; HTTP, storage and delivery are elsewhere.
 */

/** What happened, as routing needs it. */
export interface Occurrence {
  type: EventType;
  idType: IdType;
  id: string;
  /** Measures the entry triggers (entry events); none for commitments and grades. */
  measures: readonly Pick<Measure, 'measureId' | 'name' | 'matters' | 'departments'>[];
  /** The commitment the event is about (commitment events). */
  commitmentId?: string;
}

export interface RoutingSubscription {
  subscriptionId: string;
  department: string;
  types: readonly EventType[];
  /** Empty: every matter. */
  matters: readonly string[];
  region: string | null;
  monitoringDays: number;
}

export interface SubjectHistory {
  /** The latest check per department and matter. */
  checks: readonly { department: string; matter: string; checkedAt: string; checkId?: string; serial?: string | null }[];
  /** Applications accepted on commitment (告知承诺 / 容缺受理) and whether the commitment is settled. */
  commitments: readonly { commitmentId: string; department: string; matter: string | null; settled: boolean }[];
}

/** The subject's region (GB/T 2260): USCC positions 3–8 (登记管理机关行政区划码), 身份证 positions 1–6. */
export function regionOf(idType: IdType, id: string): string {
  return idType === 'uscc' ? id.slice(2, 8) : id.slice(0, 6);
}

const DAY_MS = 86_400_000;

/**
 * The routes of one occurrence to one subscription (empty: not routed). A subscription's matters
 * narrow the measure, check and commitment routes; its region route covers every matter; its
 * types narrow everything.
 */
export function routesFor(
  occurrence: Occurrence,
  subscription: RoutingSubscription,
  history: SubjectHistory,
  now: number,
  matterName: (code: string) => string = (code) => code,
): Route[] {
  if (!subscription.types.includes(occurrence.type)) return [];
  const wants = (matter: string | null) =>
    subscription.matters.length === 0 || (matter !== null && (matter === '*' || subscription.matters.includes(matter)));
  const routes: Route[] = [];
  const none = { measureId: null, region: null, matter: null, checkedAt: null, commitmentId: null };

  // 按失信联合惩戒措施推送给相关实施单位 (003 §六).
  for (const m of occurrence.measures) {
    if (!m.departments.includes(subscription.department)) continue;
    if (subscription.matters.length > 0 && !m.matters.some((matter) => wants(matter))) continue;
    routes.push({
      ...none,
      rule: 'measure',
      measureId: m.measureId,
      message: { 'zh-CN': `贵单位是措施“${m.name}”的实施单位`, en: `Your department implements measure ${m.measureId}` },
    });
  }

  // 按地区推送给地方政府相关部门 (003 §六).
  const region = regionOf(occurrence.idType, occurrence.id);
  if (subscription.region && region.startsWith(subscription.region)) {
    routes.push({
      ...none,
      rule: 'region',
      region: subscription.region,
      message: {
        'zh-CN': `该主体登记在贵单位订阅的地区（${subscription.region}）`,
        en: `The subject is registered in your region ${subscription.region}`,
      },
    });
  }

  // 事中事后监管 (002 (一)): who looked at the subject recently hears what changed since.
  const since = new Date(now - subscription.monitoringDays * DAY_MS).toISOString();
  for (const c of history.checks) {
    if (c.department !== subscription.department || c.checkedAt < since || !wants(c.matter)) continue;
    routes.push({
      ...none,
      rule: 'checked',
      matter: c.matter,
      checkedAt: c.checkedAt,
      // The check itself, so the department can see what the platform knew then (its replay).
      ...(c.checkId ? { checkId: c.checkId } : {}),
      ...(c.serial ? { serial: c.serial } : {}),
      message: {
        'zh-CN': `贵单位于 ${c.checkedAt.slice(0, 10)} 办理“${matterName(c.matter)}”时核查过该主体${c.serial ? `（核查编号 ${c.serial}）` : ''}`,
        en: `Your department checked the subject on ${c.checkedAt.slice(0, 10)} for ${c.matter}${c.serial ? ` (check ${c.serial})` : ''}`,
      },
    });
  }

  // 信用承诺事中、事后监管 (002 (一)): an application accepted on commitment, until it is settled.
  for (const c of history.commitments) {
    if (c.department !== subscription.department || !wants(c.matter)) continue;
    if (c.settled && c.commitmentId !== occurrence.commitmentId) continue;
    routes.push({
      ...none,
      rule: 'commitment',
      matter: c.matter,
      commitmentId: c.commitmentId,
      message: {
        'zh-CN': `贵单位以信用承诺受理了该主体的“${c.matter ? matterName(c.matter) : '申请'}”`,
        en: `Your department accepted the subject's application on commitment ${c.commitmentId}`,
      },
    });
  }
  return routes;
}

/** Measures an entry of `list` triggers (the 联合奖惩措施清单): by list type, narrowed by list codes. */
export function measuresTriggeredBy<M extends Pick<Measure, 'listTypes' | 'listCodes'>>(
  list: { code: string; listType: Measure['listTypes'][number] },
  measures: readonly M[],
): M[] {
  return measures.filter((m) => m.listTypes.includes(list.listType) && (m.listCodes.length === 0 || m.listCodes.includes(list.code)));
}

/** One department's routes from all its subscriptions, each reason once. */
export function mergeRoutes(routes: readonly Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = [r.rule, r.measureId, r.region, r.matter, r.commitmentId].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
