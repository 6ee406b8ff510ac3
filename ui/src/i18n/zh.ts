import type { en } from "./en";

export const zh: Record<keyof typeof en, string> = {
  "app.name": "Pathwise",
  "app.tagline": "你适合哪个角色？离心仪的角色还差什么？",
  "nav.roles": "角色",
  "roles.heading": "MLOps 团队的八个角色",
  "roles.intro": "出自文章《在 8 个关键 MLOps 角色中，您处于什么位置？》",
  "lang.label": "语言",
  "error.heading": "出现了问题",
  "error.retry": "重试",
  "store.corrupt.heading": "无法读取你的数据文件",
  "store.problem.heading": "你的数据暂时不可用",
  "store.restoreNewest": "恢复最新的备份（{date}）",
  "store.startFresh": "新建空白档案",
  "loading": "加载中…",
};
