/** Pure rules of consent and privacy (src/domain/consent, src/domain/privacy): schema, views, formatting, export. */
import { CONSENT_CATEGORIES, CONSENT_POLICIES, consentRequiredMessage, consentView, isCurrentPolicyVersion } from '../../src/domain/consent/consent'
import { groupIdNumber, privacyEvent } from '../../src/domain/privacy/privacy.schema'
import { consentDatesText, exportFileName, formatDateCN, formatSize, myDataExport } from '../../src/domain/privacy/my-data'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

test('every category has a plain purpose, what withdrawing means, and a version', () => {
  for (const c of CONSENT_CATEGORIES) {
    const p = CONSENT_POLICIES[c]
    expect(p.category).toBe(c)
    expect(p.label).toMatch(/^[\u4e00-\u9fa5]+$/)
    expect(p.purpose.replace(/[^\u4e00-\u9fa5]/g, '').length).toBeGreaterThan(20)
    expect(p.withdrawEffect).toMatch(/^撤回后/)
    expect(isCurrentPolicyVersion(c, p.version)).toBe(true)
    expect(isCurrentPolicyVersion(c, 'old')).toBe(false)
    expect(consentRequiredMessage(c)).toContain(p.label)
  }
})

test('consent views', () => {
  const granted = new Date('2026-11-20T02:00:00Z')
  const withdrawn = new Date('2026-11-21T20:00:00Z')
  expect(consentView('bank_card', null, null)).toMatchObject({ status: 'never', policyVersion: null, grantedAt: null })
  expect(consentView('bank_card', { policyVersion: CONSENT_POLICIES.bank_card.version, grantedAt: granted }, null).status).toBe('granted')
  expect(consentView('bank_card', { policyVersion: '2000-01-01', grantedAt: granted }, null).status).toBe('outdated')
  const w = consentView('bank_card', null, { policyVersion: 'v', grantedAt: granted, withdrawnAt: withdrawn })
  expect(w).toMatchObject({ status: 'withdrawn', withdrawnAt: withdrawn.toISOString() })
  // 20:00 UTC is the next morning in Shanghai
  expect(consentDatesText(w)).toBe('2026年11月20日同意，2026年11月22日撤回')
})

test('the ID number field normalises and explains problems', () => {
  const parse = (idNumber: unknown) => privacyEvent.safeParse({ action: 'setIdNumber', idNumber })
  const ok = parse(' 11010519491231002x ')
  expect(ok.success && ok.data).toEqual({ action: 'setIdNumber', idNumber: '11010519491231002X' })
  const bad = parse('110105194912310021')
  expect(bad.success).toBe(false)
  expect(bad.error?.issues[0].message).toBe('身份证号好像有一位写错了，请对照身份证再核对一下')
  expect(parse(42).success).toBe(false)
  expect(privacyEvent.safeParse({ action: 'closeAccount', confirm: '注销 ' }).success).toBe(false)
  expect(privacyEvent.safeParse({ action: 'revealIdNumber', userId: 'a b', purpose: 'identity_check' }).success).toBe(false)
})

test('groupIdNumber reads in 6-8-4 and does not look like one number', () => {
  expect(groupIdNumber('11010519491231002X')).toBe('110105 19491231 002X')
  expect(findPersonalNumbers(groupIdNumber('11010519491231002X'))).toEqual([])
})

test('formatting in Asia/Shanghai', () => {
  expect(formatDateCN('2026-11-22T16:30:00.000Z')).toBe('2026年11月23日')
  expect(formatDateCN(null)).toBe('')
  expect(formatDateCN('garbage')).toBe('')
  expect(exportFileName('2026-12-31T17:00:00.000Z')).toBe('我的信息-20270101.json')
  expect([0, 1023, 1024, 245760, 3.4 * 1024 * 1024].map(formatSize)).toEqual(['0 B', '1023 B', '1 KB', '240 KB', '3.4 MB'])
})

test('the export carries Chinese labels and only masked values', () => {
  const out = myDataExport({
    generatedAt: '2026-11-22T04:00:00.000Z',
    account: { shortUserId: null, roleLabel: '职工', isStaff: false, orgName: null, createdAt: null },
    profile: { name: null, phone: '138****1234' },
    identity: null,
    consents: [consentView('id_number', null, null)],
    consentHistory: [],
    files: [],
    uploadsInProgress: 0,
    records: [{ label: '驿站签到', count: 2 }],
    keptAfterClosing: ['x'],
  })
  expect(out).toMatchObject({ 导出时间: '2026年11月22日', 账号: { 所在工会: '还没有加入', 用户编号: '还没有' }, 个人资料: { 姓名: '没有填写' }, 身份证: '没有填写', 办过的事: { 驿站签到: '2 条' } })
  expect(findPersonalNumbers(JSON.stringify(out))).toEqual([])
})
