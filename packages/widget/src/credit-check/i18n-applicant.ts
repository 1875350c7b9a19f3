/** Staff- and applicant-facing words of applicant mode (`mode="applicant"`), loaded with it. */
const zh = {
  applicantRoutes: '可选择的便利办理方式',
  signTitle: '签署信用承诺',
  agree: '我已阅读并同意上述承诺',
  deadline: '补齐材料期限',
  materials: '待补齐的材料（用逗号分隔）',
  sign: '签署承诺',
  signed: (id: string, t: string) => `承诺已签署：编号 ${id}，时间 ${t}`,
  chooseRoute: '承诺类型',
  textFailed: '承诺书未能加载，暂不能在线签署',
};

const en: typeof zh = {
  applicantRoutes: 'Fast routes open to you',
  signTitle: 'Sign a credit commitment',
  agree: 'I have read and agree to this commitment',
  deadline: 'Supply the missing materials by',
  materials: 'Missing materials (comma-separated)',
  sign: 'Sign',
  signed: (id, t) => `Commitment signed: ${id} at ${t}`,
  chooseRoute: 'Commitment type',
  textFailed: 'The commitment text could not be loaded; signing online is not possible now',
};

export const applicantStrings = (lang: string | null | undefined): typeof zh => (lang === 'en' ? en : zh);
