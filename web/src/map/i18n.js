// Every string the map page shows, in one place. Chinese first; English on the language switch.
const strings = {
  zh: {
    title: '问需于民一张图',
    subtitle: '义乌市群众诉求地图',
    language: 'English',
    filters: '筛选',
    category: '诉求分类',
    channel: '渠道',
    window: '时间范围',
    jurisdiction: '辖区',
    all: '全部',
    allCity: '全市',
    days7: '近 7 天',
    days30: '近 30 天',
    days90: '近 90 天',
    days365: '近一年',
    inView: '视图内诉求',
    loading: '加载中…',
    keyMatters: '关键事项',
    nothingInView: '视图内没有符合条件的诉求。',
    warnings: '预警',
    scenes: '场景',
    none: '无',
    live: '实时诉求',
    liveConnected: '实时推送已连接',
    liveConnecting: '实时推送连接中…',
    liveClosed: '实时推送已断开，重连中…',
    liveEmpty: '新诉求会在这里出现，并在地图上闪烁。',
    boundaries: '辖区边界',
    needs: '诉求点',
    legend: '图例',
    communityDensity: '社区诉求量',
    weather: { SUNNY: '晴', CLOUDY: '多云', OVERCAST: '阴', RAIN: '雨', STORM: '暴雨' },
    basemapNone: '未配置底图（离线）',
    error: '出错：{message}',
    loadFailed: '加载失败：{message}',
    noWarnings: '当前没有预警。',
    warningScope: { CATEGORY: '分类预警', CELL: '网格预警', JURISDICTION: '社区预警' },
    warningExplain: '{from} 至 {to}：{observed} 条，基线预期 {expected} 条（泊松检验 p={p}）',
    socialRisk: '社会风险',
    socialRiskExplain: '{from} 至 {to}：{observed} 位居民，基线预期 {expected} 条；联名、集体行动、情绪与办结后重复诉求合并检验 p={p}',
    needsSignIn: '需要登录后查看（在地址后加 ?token=…）。',
    verdict: { EFFECTIVE: '有效', NO_EFFECT: '无明显效果', TOO_EARLY: '为时尚早', NONE: '尚未评估' },
    needsReplanning: '需重新规划',
    sceneStarts: '{at} 起',
    measureEffect: '测算效果',
    effectExplain: '{verdict}：场景内每周 {before} → {after} 条，对照区 {controlBefore} → {controlAfter} 条（前 {weeksBefore} 周 / 后 {weeksAfter} 周）；相对效果 {relative}（95% 区间 {low} 至 {high}）。',
    effectMde: '最小可检测效果 {mde}（{weeks} 周内，80% 把握）。',
    foresight: '学区入学需求预测',
    foresightPick: '选择学区',
    foresightYear: '{year} 年：预计 {count} 件（80% 区间 {low}–{high}）',
    noAreas: '尚无学区。',
    noScenes: '暂无场景。',
    cellsLegend: '需求天气（近 {days} 天对比基线）',
    keyMattersService: '关键小事：{place}，近 {days} 天',
    closeZoom: '放大到街区可看到单条诉求',
    shownEach: '地图逐条显示视图内诉求，底色为需求天气',
    cellExplain: '{weather}：近 {days} 天 {count} 条诉求，需求指数 {demand}，基线 {baseline}',
  },
  en: {
    title: 'NeedsMap',
    subtitle: "Yiwu residents' needs on one map",
    language: '中文',
    filters: 'Filters',
    category: 'Category',
    channel: 'Channel',
    window: 'Time window',
    jurisdiction: 'Jurisdiction',
    all: 'All',
    allCity: 'Whole city',
    days7: 'Last 7 days',
    days30: 'Last 30 days',
    days90: 'Last 90 days',
    days365: 'Last year',
    inView: 'Needs in view',
    loading: 'Loading…',
    keyMatters: 'Key matters',
    nothingInView: 'No needs in view match the filters.',
    warnings: 'Warnings',
    scenes: 'Scenes',
    none: 'None',
    live: 'Live needs',
    liveConnected: 'Live updates connected',
    liveConnecting: 'Connecting live updates…',
    liveClosed: 'Live updates lost, reconnecting…',
    liveEmpty: 'New needs appear here and pulse on the map.',
    boundaries: 'Boundaries',
    needs: 'Needs',
    legend: 'Legend',
    communityDensity: 'Needs per community',
    weather: { SUNNY: 'Sunny', CLOUDY: 'Cloudy', OVERCAST: 'Overcast', RAIN: 'Rain', STORM: 'Storm' },
    basemapNone: 'No basemap configured (offline)',
    error: 'Error: {message}',
    loadFailed: 'Could not load: {message}',
    noWarnings: 'No warnings now.',
    warningScope: { CATEGORY: 'Category warning', CELL: 'Cell warning', JURISDICTION: 'Community warning' },
    warningExplain: '{from} to {to}: {observed} needs, {expected} expected from the baseline (Poisson test p={p})',
    socialRisk: 'Social risk',
    socialRiskExplain: '{from} to {to}: {observed} residents, {expected} needs expected; collective action, anger and repeats after an answer combined, p={p}',
    needsSignIn: 'Sign in to see this (add ?token=… to the address).',
    verdict: { EFFECTIVE: 'Effective', NO_EFFECT: 'No clear effect', TOO_EARLY: 'Too early to tell', NONE: 'Not evaluated yet' },
    needsReplanning: 'needs re-planning',
    sceneStarts: 'from {at}',
    measureEffect: 'Measure the effect',
    effectExplain: '{verdict}: in the scene {before} → {after} needs a week, in the control area {controlBefore} → {controlAfter} ({weeksBefore} weeks before / {weeksAfter} after); relative effect {relative} (95% interval {low} to {high}).',
    effectMde: ' Minimum detectable effect {mde} (over {weeks} weeks, 80% power).',
    foresight: 'School-place demand by district',
    foresightPick: 'Choose a district',
    foresightYear: '{year}: about {count} needs expected (80% interval {low}–{high})',
    noAreas: 'No school districts yet.',
    noScenes: 'No scenes yet.',
    cellsLegend: 'Demand weather (last {days} days against the baseline)',
    keyMattersService: 'Key matters: {place}, last {days} days',
    closeZoom: 'Zoom in to a neighbourhood to see single needs',
    shownEach: 'Each need in view is drawn, over the demand weather',
    cellExplain: '{weather}: {count} needs in the last {days} days, demand index {demand} against a baseline of {baseline}',
  },
};

let current = pickInitial();

function pickInitial() {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('needsmap.lang');
  return asked === 'en' ? 'en' : 'zh';
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === 'en' ? 'en' : 'zh';
  localStorage.setItem('needsmap.lang', current);
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

export function t(key, values = {}) {
  const text = key.split('.').reduce((node, part) => node?.[part], strings[current]) ?? key;
  return typeof text === 'string' ? text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? '')) : text;
}

/** The name of a category, channel or jurisdiction in the current language (name / nameEn from the API). */
export function nameOf(item) {
  if (!item) return '';
  return current === 'en' && item.nameEn ? item.nameEn : item.name;
}
