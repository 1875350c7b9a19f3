import { describe, expect, it } from 'vitest';
import { measuresTriggeredBy, mergeRoutes, type Occurrence, type RoutingSubscription, regionOf, routesFor } from './routing.ts';

// 003 §六 健全失信信息定向推送制度: 按失信联合惩戒措施分别推送给相关实施单位，按地区分别推送给地方政府相关部门;
// 002 (一) 开展信用承诺事中、事后监管.
const NOW = Date.parse('2026-11-21T08:00:00Z');
const BAN = { measureId: 'M-FOOD-DRUG-BAN', name: '食品药品行业禁入', matters: ['FOOD_BUSINESS_LICENCE'], departments: ['市场监督管理局'] };
const listed: Occurrence = { type: 'entry.listed', idType: 'uscc', id: '91320100748204660Q', measures: [BAN] };
const sub = (over: Partial<RoutingSubscription> = {}): RoutingSubscription => ({
  subscriptionId: 'sub_1',
  department: '市场监督管理局',
  types: ['entry.listed', 'commitment.violated'],
  matters: [],
  region: null,
  monitoringDays: 180,
  ...over,
});
const none = { checks: [], commitments: [] };

describe('regionOf (GB/T 2260 code in the identifier)', () => {
  it('reads USCC positions 3–8 and 身份证 positions 1–6', () => {
    expect(regionOf('uscc', '91320100748204660Q')).toBe('320100');
    expect(regionOf('idcard', '140105198509232176')).toBe('140105');
  });
});

describe('routesFor (定向推送, 003 §六)', () => {
  it('sends a listing to the implementing departments of the measures it triggers', () => {
    expect(routesFor(listed, sub(), none, NOW).map((r) => [r.rule, r.measureId])).toEqual([['measure', 'M-FOOD-DRUG-BAN']]);
    expect(routesFor(listed, sub({ department: '民政局' }), none, NOW)).toEqual([]);
  });

  it('narrows measure routes by the subscription’s matters, but never the region route', () => {
    expect(routesFor(listed, sub({ matters: ['CONSTRUCTION_PERMIT'] }), none, NOW)).toEqual([]);
    const region = sub({ department: '南京市政府', matters: ['CONSTRUCTION_PERMIT'], region: '32' });
    expect(routesFor(listed, region, none, NOW).map((r) => r.rule)).toEqual(['region']);
    expect(routesFor(listed, sub({ department: '广州', region: '44' }), none, NOW)).toEqual([]);
  });

  it('follows a subject the department checked within its monitoring window (事中事后)', () => {
    const history = {
      checks: [
        {
          department: '政务服务中心',
          matter: 'FOOD_BUSINESS_LICENCE',
          checkedAt: '2026-10-01T00:00:00.000Z',
          checkId: 'chk_food',
          serial: 'HC-20261001-000007',
        },
        { department: '政务服务中心', matter: 'FISCAL_SUBSIDY', checkedAt: '2026-01-01T00:00:00.000Z' },
      ],
      commitments: [],
    };
    const routes = routesFor(listed, sub({ department: '政务服务中心' }), history, NOW);
    expect(routes.map((r) => [r.rule, r.matter])).toEqual([['checked', 'FOOD_BUSINESS_LICENCE']]);
    // The route names the check, so the department can replay it and quote its 核查编号.
    expect(routes[0]).toMatchObject({ checkId: 'chk_food', serial: 'HC-20261001-000007' });
    expect(routes[0]?.message['zh-CN']).toContain('（核查编号 HC-20261001-000007）');
    expect(routesFor(listed, sub({ department: '政务服务中心', monitoringDays: 30 }), history, NOW)).toEqual([]);
  });

  it('follows an application accepted on commitment until the commitment is settled (002 (一))', () => {
    const open = {
      commitments: [{ commitmentId: 'cmt_1', department: '住建局', matter: 'CONSTRUCTION_PERMIT', settled: false }],
      checks: [],
    };
    const settled = { commitments: [{ ...open.commitments[0], settled: true } as (typeof open.commitments)[0]], checks: [] };
    expect(routesFor(listed, sub({ department: '住建局' }), open, NOW).map((r) => r.rule)).toEqual(['commitment']);
    expect(routesFor(listed, sub({ department: '住建局' }), settled, NOW)).toEqual([]);
    // The event that settles it still reaches the department.
    const violated: Occurrence = { ...listed, type: 'commitment.violated', measures: [], commitmentId: 'cmt_1' };
    expect(routesFor(violated, sub({ department: '住建局' }), settled, NOW).map((r) => r.commitmentId)).toEqual(['cmt_1']);
  });

  it('sends only the event types subscribed to', () => {
    expect(routesFor({ ...listed, type: 'entry.expired' }, sub(), none, NOW)).toEqual([]);
  });
});

describe('measuresTriggeredBy and mergeRoutes', () => {
  it('matches by list type, narrowed by list codes', () => {
    const measures = [
      { measureId: 'A', listTypes: ['blacklist' as const], listCodes: [] },
      { measureId: 'B', listTypes: ['blacklist' as const], listCodes: ['COURT_DISHONEST_DEBTOR'] },
      { measureId: 'C', listTypes: ['watchlist' as const], listCodes: [] },
    ];
    expect(measuresTriggeredBy({ code: 'SERIOUS_DISHONEST', listType: 'blacklist' }, measures).map((m) => m.measureId)).toEqual(['A']);
    expect(measuresTriggeredBy({ code: 'COURT_DISHONEST_DEBTOR', listType: 'blacklist' }, measures).map((m) => m.measureId)).toEqual([
      'A',
      'B',
    ]);
  });

  it('keeps each reason once when a department has several subscriptions', () => {
    const twice = [...routesFor(listed, sub(), none, NOW), ...routesFor(listed, sub({ subscriptionId: 'sub_2' }), none, NOW)];
    expect(mergeRoutes(twice)).toHaveLength(1);
  });
});
