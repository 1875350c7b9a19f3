import type { Random } from './prng.ts';

const BRANDS =
  '恒瑞 华信 金达 宏远 永盛 鑫源 瑞丰 德润 天成 嘉禾 汇通 新锐 博远 锦程 盛世 同创 安泰 中恒 佳和 长青 海纳 启明 聚力 优品 福瑞 隆兴 诚达 和顺 正泰 远航'.split(
    ' ',
  );
const INDUSTRIES = '食品 建材 建筑工程 科技 贸易 医药 餐饮管理 物流 环保科技 养老服务 信息技术 机械制造 服装 农业发展 文化传媒'.split(' ');
const SURNAMES = '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 欧阳 司马'.split(' ');
const GIVEN =
  '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 建 国 文 辉 红 玉 志 海 东 晓 雪 春 宇 鹏 飞 婷'.split(' ');

export function companyName(city: string, category: string, random: Random): string {
  const brand = random.pick(BRANDS);
  if (category === '2') return `${city}${brand}${random.pick(['面馆', '便利店', '小吃店', '五金店', '水果店'])}`;
  if (category === '3') return `${city}${brand}农民专业合作社`;
  const suffix = random.weighted([
    ['有限公司', 70],
    ['有限责任公司', 20],
    ['股份有限公司', 10],
  ] as const);
  return `${city}${brand}${random.pick(INDUSTRIES)}${suffix}`;
}

export function personName(random: Random): string {
  const given = random.chance(0.6) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}
