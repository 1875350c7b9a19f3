import { DEFAULT_DEFERRAL_WINDOW_HOURS, type ListDefinition, type Matter, type Measure } from '@credit-check/sdk/contract';
import type { Catalog } from '../domain/records.ts';
import { GRADE_SCALES, SUPERVISION_TIERS } from './grades.ts';

const commitmentText = (matter: string, extra: string) => ({
  version: 'v2026.1',
  title: `${matter}信用承诺书`,
  body:
    `本人（本单位）郑重承诺：一、所提交的申请材料真实、合法、有效，符合${matter}的法定条件、标准和要求；` +
    `二、${extra}三、自觉接受行政机关的事中事后监管，如有虚假承诺或违背承诺，愿意承担相应的法律责任，` +
    '同意将违背承诺的行为记入信用记录，并依法依规接受失信惩戒。',
});

/** 事项: the government-service matters of the sandbox. The first three are the demo matters. */
export const MATTERS: Matter[] = [
  {
    code: 'FOOD_BUSINESS_LICENCE',
    name: '食品经营许可',
    department: '市场监督管理局',
    informedCommitment: true,
    toleranceAcceptance: true,
    deferral: 'forbidden',
    commitmentText: commitmentText('食品经营许可', '经营场所、设施设备、食品安全管理制度符合要求；'),
  },
  {
    code: 'CONSTRUCTION_PERMIT',
    name: '建筑工程施工许可',
    department: '住房和城乡建设局',
    informedCommitment: false,
    toleranceAcceptance: true,
    deferral: 'forbidden',
    commitmentText: commitmentText('建筑工程施工许可', '缺少的材料将在承诺期限内补齐；'),
  },
  {
    code: 'PROCUREMENT_SUPPLIER',
    name: '政府采购供应商资格审查',
    department: '财政局',
    informedCommitment: true,
    toleranceAcceptance: false,
    deferral: 'allowed',
    deferralWindowHours: DEFAULT_DEFERRAL_WINDOW_HOURS,
    commitmentText: commitmentText('政府采购供应商资格审查', '参加政府采购活动前三年内在经营活动中没有重大违法记录；'),
  },
  {
    code: 'FISCAL_SUBSIDY',
    name: '财政专项资金项目申报',
    department: '发展和改革委员会',
    informedCommitment: false,
    toleranceAcceptance: false,
    deferral: 'allowed',
    deferralWindowHours: DEFAULT_DEFERRAL_WINDOW_HOURS,
    commitmentText: null,
  },
  {
    code: 'ENTERPRISE_ESTABLISHMENT',
    name: '企业设立登记',
    department: '市场监督管理局',
    informedCommitment: true,
    toleranceAcceptance: true,
    deferral: 'allowed',
    deferralWindowHours: DEFAULT_DEFERRAL_WINDOW_HOURS,
    commitmentText: commitmentText('企业设立登记', '拟任法定代表人不属于失信被执行人等限制任职的人员；'),
  },
  {
    code: 'DRUG_RETAIL_LICENCE',
    name: '药品零售经营许可',
    department: '市场监督管理局',
    informedCommitment: false,
    toleranceAcceptance: true,
    deferral: 'forbidden',
    commitmentText: commitmentText('药品零售经营许可', '缺少的材料将在承诺期限内补齐；'),
  },
  {
    code: 'ELDERLY_CARE_FILING',
    name: '养老机构备案',
    department: '民政局',
    informedCommitment: true,
    toleranceAcceptance: false,
    deferral: 'allowed',
    deferralWindowHours: DEFAULT_DEFERRAL_WINDOW_HOURS,
    commitmentText: commitmentText('养老机构备案', '养老服务设施符合消防、卫生与健康、环境保护、食品药品、建筑、设施设备标准；'),
  },
];

export const DEMO_MATTERS = ['FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT', 'PROCUREMENT_SUPPLIER'] as const;

const list = (
  code: string,
  name: string,
  listType: ListDefinition['listType'],
  authority: string,
  domain: string,
  zh: string,
  en: string,
): ListDefinition => ({ code, name, listType, authority, domain, description: { 'zh-CN': zh, en } });

/** Lists in use (domain.md "Lists in use"). */
export const LISTS: ListDefinition[] = [
  list(
    'COURT_DISHONEST_DEBTOR',
    '失信被执行人名单',
    'blacklist',
    '人民法院',
    'judicial',
    '有履行能力而拒不履行生效法律文书确定义务的被执行人',
    'Judgment debtors who refuse to perform',
  ),
  list(
    'TAX_SERIOUS_VIOLATION',
    '重大税收违法失信主体名单',
    'blacklist',
    '税务局',
    'tax',
    '偷税、逃避追缴欠税、骗取出口退税等重大税收违法失信主体',
    'Major tax violations',
  ),
  list(
    'PROCUREMENT_SERIOUS',
    '政府采购严重违法失信行为记录名单',
    'blacklist',
    '财政局',
    'procurement',
    '政府采购活动中严重违法失信的供应商、代理机构',
    'Serious violations in government procurement',
  ),
  list(
    'FOOD_DRUG_SERIOUS',
    '食品药品安全严重违法失信名单',
    'blacklist',
    '市场监督管理局',
    'food-drug',
    '食品药品领域严重违法失信主体',
    'Serious food and drug safety violations',
  ),
  list(
    'CONSTRUCTION_SERIOUS',
    '建筑市场主体严重失信名单',
    'blacklist',
    '住房和城乡建设局',
    'construction',
    '建筑市场严重失信主体',
    'Serious violations in the construction market',
  ),
  list(
    'SERIOUS_DISHONEST',
    '严重失信主体名单',
    'blacklist',
    '发展和改革委员会',
    'general',
    '经认定的严重失信主体',
    'Seriously dishonest subjects',
  ),
  list(
    'ABNORMAL_OPERATION',
    '经营异常名录',
    'watchlist',
    '市场监督管理局',
    'market',
    '未按规定公示年报、通过登记住所无法联系等',
    'Abnormal operations (annual report missing, unreachable address …)',
  ),
  list(
    'KEY_ATTENTION',
    '重点关注对象名单',
    'watchlist',
    '行业主管部门',
    'general',
    '违法失信尚未达到严重程度、需加强监管的主体',
    'Violations not (yet) serious: closer supervision',
  ),
  list('TAX_A_GRADE', '纳税信用A级纳税人名单', 'redlist', '税务局', 'tax', '纳税信用评价为A级的纳税人', 'Taxpayers graded A'),
  list('HONEST_MODEL', '诚信示范企业名单', 'redlist', '发展和改革委员会', 'general', '守信联合激励对象', 'Honesty model enterprises'),
];

/**
 * A measure's 实施单位 default to the departments of the matters it binds (every matter's for `*`);
 * measures outside the approval matters name theirs.
 */
const measure = (m: Omit<Measure, 'description' | 'departments'> & { departments?: string[]; zh: string; en: string }): Measure => {
  const { zh, en, departments, ...rest } = m;
  const bound = MATTERS.filter((matter) => rest.matters.includes('*') || rest.matters.includes(matter.code));
  return { ...rest, departments: departments ?? [...new Set(bound.map((matter) => matter.department))], description: { 'zh-CN': zh, en } };
};

/** 联合奖惩措施清单: which lists trigger a measure, which matters it binds, how it acts. */
export const MEASURES: Measure[] = [
  measure({
    measureId: 'M-PROC-BAN',
    name: '限制参加政府采购活动',
    category: 'administrative',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['PROCUREMENT_SERIOUS', 'COURT_DISHONEST_DEBTOR', 'TAX_SERIOUS_VIOLATION', 'SERIOUS_DISHONEST'],
    matters: ['PROCUREMENT_SUPPLIER'],
    basis: '《中华人民共和国政府采购法》第二十二条；《关于对失信被执行人实施联合惩戒的合作备忘录》（发改财金〔2016〕141号）',
    zh: '失信主体不得参加政府采购活动',
    en: 'No participation in government procurement',
  }),
  measure({
    measureId: 'M-FISCAL-BAN',
    name: '限制申请财政性资金项目',
    category: 'administrative',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: [],
    matters: ['FISCAL_SUBSIDY'],
    basis: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
    zh: '限制申请财政性资金项目',
    en: 'No applications for fiscal funds',
  }),
  measure({
    measureId: 'M-FOOD-DRUG-BAN',
    name: '食品药品行业市场禁入',
    category: 'ban',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['FOOD_DRUG_SERIOUS'],
    matters: ['FOOD_BUSINESS_LICENCE', 'DRUG_RETAIL_LICENCE'],
    basis: '《中华人民共和国食品安全法》第一百三十五条；《中华人民共和国药品管理法》第一百一十八条',
    zh: '依法在一定期限内禁止从事食品药品生产经营',
    en: 'Market ban in food and drugs for a period',
  }),
  measure({
    measureId: 'M-CONSTRUCTION-BAN',
    name: '建筑市场准入限制',
    category: 'ban',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['CONSTRUCTION_SERIOUS'],
    matters: ['CONSTRUCTION_PERMIT'],
    basis: '《建筑市场信用管理暂行办法》（建市〔2017〕241号）',
    zh: '限制新申请施工许可及资质',
    en: 'No new construction permits',
  }),
  measure({
    measureId: 'M-STRICT-APPROVAL',
    name: '行政审批从严审核',
    category: 'administrative',
    action: 'strict-review',
    listTypes: ['blacklist'],
    listCodes: ['COURT_DISHONEST_DEBTOR', 'TAX_SERIOUS_VIOLATION', 'SERIOUS_DISHONEST'],
    matters: ['FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT', 'DRUG_RETAIL_LICENCE', 'ELDERLY_CARE_FILING'],
    basis: '国发〔2016〕33号：在行政审批中将失信信息作为重要参考，从严审核',
    zh: '不适用告知承诺、容缺受理等便利措施，从严审核',
    en: 'No fast routes; strict review',
  }),
  measure({
    measureId: 'M-LEGAL-REP-BAN',
    name: '限制担任企业法定代表人及高管',
    category: 'administrative',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['COURT_DISHONEST_DEBTOR'],
    matters: ['ENTERPRISE_ESTABLISHMENT'],
    basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》；发改财金〔2016〕141号',
    zh: '失信被执行人不得担任企业法定代表人、董事、监事、高级管理人员',
    en: 'May not serve as legal representative or officer',
  }),
  measure({
    measureId: 'M-WATCH-STRICT',
    name: '重点关注对象加强审核',
    category: 'administrative',
    action: 'strict-review',
    listTypes: ['watchlist'],
    listCodes: [],
    matters: ['PROCUREMENT_SUPPLIER', 'FISCAL_SUBSIDY'],
    basis: '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）',
    zh: '对重点关注对象加强审核、提高核查频次',
    en: 'Closer review of watch-listed subjects',
  }),
  measure({
    measureId: 'M-ABNORMAL-NOTICE',
    name: '经营异常提示',
    category: 'industry',
    action: 'notice',
    listTypes: ['watchlist'],
    listCodes: ['ABNORMAL_OPERATION'],
    matters: ['*'],
    basis: '《企业经营异常名录管理暂行办法》',
    zh: '提示申请人及时移出经营异常名录',
    en: 'Tell the applicant to leave the abnormal-operations directory',
  }),
  measure({
    measureId: 'M-PUBLIC-CRITICISM',
    name: '通报批评',
    category: 'industry',
    action: 'notice',
    listTypes: ['blacklist'],
    listCodes: ['SERIOUS_DISHONEST'],
    matters: ['*'],
    basis: '国办发〔2019〕35号',
    zh: '行业性惩戒：通报批评、公开谴责',
    en: 'Industry measure: public criticism',
  }),
  measure({
    measureId: 'M-HIGH-CONSUMPTION',
    name: '限制高消费（乘坐飞机、高铁一等座等）',
    category: 'market',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['COURT_DISHONEST_DEBTOR'],
    matters: [],
    departments: ['人民法院', '交通运输局'],
    basis: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》',
    zh: '市场性惩戒，不绑定政务服务事项',
    en: 'Market measure; binds no government-service matter',
  }),
  measure({
    measureId: 'M-CREDIT-LIMIT',
    name: '限制获得授信',
    category: 'market',
    action: 'restrict',
    listTypes: ['blacklist'],
    listCodes: ['COURT_DISHONEST_DEBTOR', 'TAX_SERIOUS_VIOLATION'],
    matters: [],
    departments: ['中国人民银行分支机构', '金融监督管理局'],
    basis: '发改财金〔2016〕141号',
    zh: '市场性惩戒，不绑定政务服务事项',
    en: 'Market measure; binds no government-service matter',
  }),
  measure({
    measureId: 'M-FAST-TRACK',
    name: '守信激励：绿色通道、优先办理',
    category: 'administrative',
    action: 'fast-track',
    listTypes: ['redlist'],
    listCodes: [],
    matters: ['*'],
    basis: '《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》（发改财金〔2016〕1467号）',
    zh: '守信者一路绿灯：优先办理、简化程序',
    en: 'Green channel, priority handling',
  }),
];

export { GRADE_SCALES, SUPERVISION_TIERS };

export const CATALOG: Catalog = { matters: MATTERS, lists: LISTS, measures: MEASURES, gradeScales: GRADE_SCALES, tiers: SUPERVISION_TIERS };
