// Company names as registered (企业名称): where a name ends and a remark begins, and the canonical
// form (full-width brackets, no spaces between Chinese characters). Pure.

export const CJK = /[\u3400-\u9fff]/

const COMPANY_SUFFIX =
  /(股份有限公司|有限责任公司|有限公司|分公司|公司|集团|商行|工作室|合作社|个体工商户|经营部|门市部|服务部|批发部|事务所|商店|超市|\(有限合伙\)|厂|店)$/

// Where a registered name certainly ends: what follows is a remark ("…有限公司 疑似空壳公司"),
// unless it names a branch of it ("…有限公司杭州分公司").
const COMPANY_END = /(股份有限公司|有限责任公司|有限公司|\(有限合伙\)|专业合作社|合作社|个体工商户)/
const BRANCH = /^[^\s,，;；]{0,12}(分公司|子公司|分店|营业部|分部|门店|办事处)$/

/** "某某商贸有限公司 疑似空壳公司" → the name and the remark after it; undefined if nothing follows. */
export function splitCompany(text: string): { name: string; remark: string } | undefined {
  const m = COMPANY_END.exec(text)
  if (!m) return undefined
  const end = m.index + m[0].length
  const rest = text
    .slice(end)
    .replace(/^[\s,，;；:：、\-—]+/, '')
    .replace(/^[(（](.*)[)）]$/, '$1')
    .trim()
  if (!rest || BRANCH.test(rest)) return undefined
  return { name: text.slice(0, end), remark: rest }
}

export function companyName(text: string): string | undefined {
  if (/[:：@/\\]/.test(text) || !CJK.test(text)) return undefined
  const m = COMPANY_SUFFIX.exec(text)
  if (!m) return undefined
  const name = text.slice(0, m.index)
  if ([...name.replace(/[\s()（）]/g, '')].length < 2) return undefined
  return canonicalCompany(text)
}

/** Company names use full-width brackets (as registered) and no spaces between Chinese characters. */
export function canonicalCompany(text: string): string {
  return text
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/([\u3400-\u9fff（）])\s+(?=[\u3400-\u9fff（）])/g, '$1')
    .trim()
}
