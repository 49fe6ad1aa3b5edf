/**
 * The `privacy` function through the real wx-server-sdk on the emulator: consents, the encrypted and
 * unique ID number, "see what is held", closing the account, the audited staff reveal, fuzzing.
 * Every reply is scanned for ID, card and phone numbers.
 */
import fc from 'fast-check'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { findPersonalNumbers, ID_NUMBER_PATTERN } from '../../src/domain/privacy/redact'
import type { Envelope } from '../../src/domain/envelope'
import { CONSENT_POLICIES, type ConsentView } from '../../src/domain/consent/consent'
import type { CloseResult, MaskedIdentity, MyData, RevealedId } from '../../src/domain/privacy/privacy.schema'
import type { Me } from '../../src/domain/session/session.schema'
import { demoId } from '../../emulator/runtime/seed'
import { testIdNumber } from './privacy.matrix'
import { sampleBytes, uploadFile, type FilesCall } from './files.matrix'

let rt: TestRuntime
const replies: Array<{ action: string; reply: unknown }> = []

beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = unknown> = Envelope<T>

async function privacy<T = unknown>(openid: string | null, event: unknown): Promise<Reply<T>> {
  const r = (await rt.invokeAs(openid, 'privacy', event)) as Reply<T>
  replies.push({ action: String((event as { action?: unknown })?.action), reply: r })
  return r
}
const files = (openid: string): FilesCall => async (event) => {
  const r = await rt.invokeAs(openid, 'files', event)
  replies.push({ action: `files.${String(event.action)}`, reply: r })
  return r
}

const version = (c: keyof typeof CONSENT_POLICIES) => CONSENT_POLICIES[c].version
const grant = (openid: string, category: keyof typeof CONSENT_POLICIES) => privacy<ConsentView>(openid, { action: 'grantConsent', category, policyVersion: version(category) })
const setId = (openid: string, idNumber: string) => privacy<MaskedIdentity>(openid, { action: 'setIdNumber', idNumber })
const myData = (openid: string) => privacy<MyData>(openid, { action: 'myData' })
const errorOf = (r: Reply) => (r.ok ? null : r.error.code)

const ID_A = '11010519491231002X'
const ID_B = '440524188001010014'
const ID_C = '34052419800101001X'

/** ID-number-shaped strings anywhere in the whole database (phones of the seeded profiles are expected there). */
async function idNumbersInDatabase(): Promise<string[]> {
  const text = JSON.stringify(await rt.snapshot())
  return findPersonalNumbers(text).filter((n) => new RegExp(`^${ID_NUMBER_PATTERN.source}$`).test(n))
}

describe('without an OPENID', () => {
  test.each(['consentStatus', 'grantConsent', 'withdrawConsent', 'setIdNumber', 'myData', 'closeAccount', 'revealIdNumber'])('%s → AUTH.UNAUTHENTICATED, nothing written', async (action) => {
    const before = await rt.snapshot()
    expect(errorOf(await privacy(null, { action, category: 'id_number', policyVersion: version('id_number'), idNumber: ID_A, confirm: '注销', userId: 'x', purpose: 'identity_check' }))).toBe(
      'AUTH.UNAUTHENTICATED',
    )
    expect(await rt.snapshot()).toEqual(before)
  })
})

describe('consents', () => {
  const me = 'o-test-consent'

  test('nothing agreed at first; every category has a plain purpose and the current version', async () => {
    const r = await privacy<{ consents: ConsentView[] }>(me, { action: 'consentStatus' })
    expect(r.ok && r.data.consents.map((c) => [c.category, c.status])).toEqual([
      ['id_number', 'never'],
      ['medical_documents', 'never'],
      ['bank_card', 'never'],
    ])
    for (const c of r.ok ? r.data.consents : []) {
      expect(c.purpose).toMatch(/[\u4e00-\u9fa5]{10}/)
      expect(c.currentVersion).toBe(version(c.category))
    }
  })

  test('the ID number needs its consent first; CONSENT.REQUIRED says what to agree to and writes nothing', async () => {
    const before = await rt.snapshot()
    const r = await setId(me, ID_A)
    expect(r).toEqual({ ok: false, error: { code: 'CONSENT.REQUIRED', message: expect.stringContaining('身份证号'), fieldErrors: { consent: 'id_number' } } })
    expect(await rt.snapshot()).toEqual(before)
  })

  test('a stale policy version is refused; the current one is recorded once (idempotent), with an audit entry', async () => {
    expect(errorOf(await privacy(me, { action: 'grantConsent', category: 'id_number', policyVersion: '2020-01-01' }))).toBe('CONSENT.STALE_VERSION')
    const first = await grant(me, 'id_number')
    expect(first.ok && first.data).toMatchObject({ category: 'id_number', status: 'granted', policyVersion: version('id_number'), withdrawnAt: null })
    const again = await grant(me, 'id_number')
    expect(again).toEqual(first)
    expect(rt.emulator.db.find('consents', { openid: me })).toEqual([
      expect.objectContaining({ category: 'id_number', policyVersion: version('id_number'), grantedAt: expect.any(Date), withdrawnAt: null }),
    ])
    expect(rt.emulator.db.count('audit', { action: 'consent.grant', 'actor.openid': me })).toBe(1)
  })

  test('10 concurrent grants leave one active consent', async () => {
    const who = 'o-test-consent-burst'
    const rs = await Promise.all(Array.from({ length: 10 }, () => grant(who, 'medical_documents')))
    expect(rs.every((r) => r.ok)).toBe(true)
    expect(rt.emulator.db.count('consents', { openid: who, withdrawnAt: null })).toBe(1)
    expect(rt.emulator.db.count('audit', { action: 'consent.grant', 'actor.openid': who })).toBe(1)
  }, 30000)

  test('withdrawing keeps the history, deletes the ID number and stops further collection', async () => {
    expect((await setId(me, ID_C)).ok).toBe(true)
    expect(rt.emulator.db.count('identities', { ownerOpenid: me })).toBe(1)
    const w = await privacy<{ withdrawn: boolean; identityDeleted: boolean; consent: ConsentView }>(me, { action: 'withdrawConsent', category: 'id_number' })
    expect(w.ok && w.data).toMatchObject({ withdrawn: true, identityDeleted: true, consent: { status: 'withdrawn', withdrawnAt: expect.any(String) } })
    expect(rt.emulator.db.count('identities', { ownerOpenid: me })).toBe(0)
    expect(rt.emulator.db.find('consents', { openid: me })).toEqual([
      expect.objectContaining({ category: 'id_number', withdrawnAt: expect.any(Date), endReason: 'withdrawn' }),
    ])
    expect(errorOf(await setId(me, ID_C))).toBe('CONSENT.REQUIRED')
    expect(rt.emulator.db.count('audit', { action: 'consent.withdraw', 'actor.openid': me })).toBe(1)

    // withdrawing again is harmless; agreeing again starts a new record
    const again = await privacy<{ withdrawn: boolean }>(me, { action: 'withdrawConsent', category: 'id_number' })
    expect(again.ok && again.data.withdrawn).toBe(false)
    expect((await grant(me, 'id_number')).ok).toBe(true)
    expect(rt.emulator.db.count('consents', { openid: me })).toBe(2)
    expect((await setId(me, ID_C)).ok).toBe(true)
  })

  test('withdrawing medical documents deletes unattached medical files (bytes too) and keeps attached ones and others', async () => {
    const who = 'o-test-consent-files'
    expect((await grant(who, 'medical_documents')).ok).toBe(true)
    const loose = await uploadFile(files(who), sampleBytes('image/jpeg', 3000), { purpose: 'medical_invoice' })
    const handedIn = await uploadFile(files(who), sampleBytes('image/jpeg', 3000), { purpose: 'medical_record' })
    const wage = await uploadFile(files(who), sampleBytes('image/jpeg', 3000), { purpose: 'work_proof' })
    rt.emulator.db.update('files', { _id: handedIn }, { $set: { attachedTo: { type: 'claim', id: 'c1', at: new Date() } } })
    const looseStorage = rt.emulator.db.findOne('files', { _id: loose })!.fileID as string

    const w = await privacy<{ deletedFiles: number }>(who, { action: 'withdrawConsent', category: 'medical_documents' })
    expect(w.ok && w.data.deletedFiles).toBe(1)
    expect(rt.emulator.db.find('files', { ownerOpenid: who }).map((f) => f._id).sort()).toEqual([handedIn, wage].sort())
    expect(rt.emulator.storage.get(looseStorage)).toBeNull()
    // and no more medical uploads
    const r = (await files(who)({ action: 'begin', name: '发票.jpg', mime: 'image/jpeg', size: 10, sha256: 'a'.repeat(64), purpose: 'medical_invoice' })) as Reply
    expect(errorOf(r)).toBe('CONSENT.REQUIRED')
  }, 30000)
})

describe('ID numbers', () => {
  test('stored encrypted under a blind index; the reply and the database never hold the number', async () => {
    const me = 'o-test-id-1'
    await grant(me, 'id_number')
    const r = await setId(me, ID_A)
    expect(r).toEqual({ ok: true, data: { maskedIdNumber: '110***********002X', birthYear: 1949, sexLabel: '女', savedAt: expect.any(String) } })
    const [doc] = rt.emulator.db.find('identities', { ownerOpenid: me })
    expect(doc).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{64}$/),
      ownerOpenid: me,
      idEnc: expect.stringMatching(/^v1\./),
      birthDate: '1949-12-31',
      sex: 'female',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    })
    expect(JSON.stringify(doc)).not.toContain('19491231')
    expect(await idNumbersInDatabase()).toEqual([])
    expect(rt.emulator.db.find('audit', { action: 'identity.set', 'actor.openid': me })).toHaveLength(1)
  })

  test('a second WeChat account claiming the same ID (any spelling) is refused with IDENTITY.TAKEN', async () => {
    const other = 'o-test-id-2'
    await grant(other, 'id_number')
    for (const spelling of [ID_A, '11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２Ｘ']) {
      const before = await rt.snapshot()
      expect(await setId(other, spelling)).toEqual({
        ok: false,
        error: { code: 'IDENTITY.TAKEN', message: '这个身份证号已经被另一个微信账号使用。如果是你本人，请联系工会工作人员' },
      })
      expect(await rt.snapshot()).toEqual(before)
    }
    expect(rt.emulator.db.count('identities', { ownerOpenid: other })).toBe(0)
  })

  test('setting the same number again changes nothing; a new number replaces the old one atomically', async () => {
    const me = 'o-test-id-1'
    const before = await rt.snapshot()
    expect((await setId(me, ID_A)).ok).toBe(true)
    expect(await rt.snapshot()).toEqual(before)

    const changed = await setId(me, ID_B)
    expect(changed.ok && changed.data.maskedIdNumber).toBe('440***********0014')
    expect(rt.emulator.db.find('identities', { ownerOpenid: me })).toHaveLength(1)
    expect(rt.emulator.db.count('audit', { action: 'identity.change', 'actor.openid': me })).toBe(1)
    // the old number is free again
    expect((await setId('o-test-id-2', ID_A)).ok).toBe(true)
  })

  test('two accounts racing for one new number: exactly one wins', async () => {
    const racers = Array.from({ length: 6 }, (_, i) => `o-test-race-${i}`)
    for (const r of racers) await grant(r, 'id_number')
    const id = testIdNumber(77)
    const rs = await Promise.all(racers.map((r) => setId(r, id)))
    expect(rs.filter((r) => r.ok)).toHaveLength(1)
    expect(rs.filter((r) => !r.ok).map(errorOf)).toEqual(Array(5).fill('IDENTITY.TAKEN'))
    const docs = rt.emulator.db.find('identities', { ownerOpenid: { $in: racers } })
    expect(docs).toHaveLength(1)
  }, 30000)

  test.each([
    ['empty', '', '请填写身份证号'],
    ['too short', '1101051949', '身份证号应该是 18 位，请数一数'],
    ['letters', '11010519491231002A', '身份证号只能是数字，最后一位可能是 X'],
    ['bad date', '110105194913310020', '身份证号里的出生日期不对，请再核对一下'],
    ['check digit', '110105194912310021', '身份证号好像有一位写错了，请对照身份证再核对一下'],
  ])('invalid (%s) → VALIDATION.INVALID with a plain message that does not echo the number', async (_n, idNumber, message) => {
    const r = await setId('o-test-id-1', idNumber)
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION.INVALID', message: expect.any(String), fieldErrors: { idNumber: message } } })
    if (idNumber) expect(JSON.stringify(r)).not.toContain(idNumber)
  })
})

describe('myData', () => {
  test("shows only the caller's own data, masked, with plain labels", async () => {
    const laoli = 'o-demo-laoli'
    await grant(laoli, 'id_number')
    await grant(laoli, 'medical_documents')
    expect((await setId(laoli, testIdNumber(11))).ok).toBe(true)
    const mine = await uploadFile(files(laoli), sampleBytes('image/jpeg', 2048), { name: '住院发票 13807931234.jpg', purpose: 'medical_invoice' })
    await uploadFile(files('o-demo-xiaowang'), sampleBytes('image/png', 1024), { name: '小王的工资条.png', mime: 'image/png' })

    const r = await myData(laoli)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const d = r.data
    expect(d.account).toEqual({ shortUserId: demoId('user-worker').slice(-8), roleLabel: '职工', isStaff: false, orgName: null, createdAt: expect.any(String) })
    expect(d.profile).toEqual({ name: '李*国', phone: '138****1234' })
    expect(d.identity).toEqual({ maskedIdNumber: '110***********0011'.slice(0, 14) + testIdNumber(11).slice(-4), birthYear: 1980, sexLabel: '男', savedAt: expect.any(String) })
    expect(d.consents.map((c) => [c.category, c.status])).toEqual([
      ['id_number', 'granted'],
      ['medical_documents', 'granted'],
      ['bank_card', 'never'],
    ])
    expect(d.files).toEqual([
      { fileId: mine, name: '住院发票 [phone].jpg', mime: 'image/jpeg', size: 2048, purposeLabel: '医疗费用票据', createdAt: expect.any(String), attached: false },
    ])
    expect(d.keptAfterClosing.length).toBeGreaterThan(0)
    const text = JSON.stringify(r)
    expect(text).not.toContain('小王')
    expect(text).not.toMatch(/cloud:\/\/|private\/|https?:/)
    expect(findPersonalNumbers(text)).toEqual([])
  }, 30000)

  test('a brand-new user sees an empty picture, and nothing is written', async () => {
    const before = await rt.snapshot()
    const r = await myData('o-test-nobody')
    expect(r.ok && r.data).toMatchObject({ account: { shortUserId: null, roleLabel: '职工' }, profile: { name: null, phone: null }, identity: null, files: [], uploadsInProgress: 0 })
    expect(await rt.snapshot()).toEqual(before)
  })

  test('staff see their role and org', async () => {
    const r = await myData('o-demo-zhang')
    expect(r.ok && r.data.account).toMatchObject({ roleLabel: '基层工会工作人员', isStaff: true, orgName: '江西丰达机械有限公司工会' })
  })
})

describe('revealIdNumber', () => {
  const subjectUserId = demoId('user-migrant')
  beforeAll(async () => {
    await grant('o-demo-xiaowang', 'id_number')
    expect((await setId('o-demo-xiaowang', testIdNumber(31, '340524'))).ok).toBe(true)
  })

  test.each(['o-demo-laoli', 'o-demo-xiaowang', 'o-demo-zhang', 'o-demo-wang'])('%s is refused and the refusal audited', async (openid) => {
    const before = rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })
    expect(errorOf(await privacy(openid, { action: 'revealIdNumber', userId: subjectUserId, purpose: 'identity_check' }))).toBe('AUTH.FORBIDDEN')
    expect(rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })).toBe(before + 1)
  })

  test.each(['o-demo-liu', 'o-demo-zhao'])('%s sees the full number (grouped for reading); the view is audited without the number', async (openid) => {
    const r = await privacy<RevealedId>(openid, { action: 'revealIdNumber', userId: subjectUserId, purpose: 'mutual_aid_review' })
    expect(r).toEqual({ ok: true, data: { idNumber: ['340524', '19800101', testIdNumber(31, '340524').slice(14)].join(' '), purpose: 'mutual_aid_review' } })
    const entries = rt.emulator.db.find('audit', { action: 'privacy.reveal', 'actor.openid': openid })
    expect(entries).toEqual([expect.objectContaining({ target: { type: 'user', id: subjectUserId }, reason: 'mutual_aid_review', detail: { found: true } })])
    expect(JSON.stringify(entries)).not.toMatch(/001X|19800101/)
  })

  test('no stored number / no such user: a clear code, still audited', async () => {
    const r = await privacy('o-demo-liu', { action: 'revealIdNumber', userId: demoId('user-rider'), purpose: 'identity_check' })
    expect(errorOf(r)).toBe('IDENTITY.NOT_FOUND')
    expect(errorOf(await privacy('o-demo-liu', { action: 'revealIdNumber', userId: 'nobody-here', purpose: 'identity_check' }))).toBe('USER.NOT_FOUND')
    expect(rt.emulator.db.count('audit', { action: 'privacy.reveal', 'actor.openid': 'o-demo-liu', 'detail.found': false })).toBe(2)
  })
})

describe('closeAccount', () => {
  test('staff cannot close their account here (refused, audited)', async () => {
    expect(errorOf(await privacy('o-demo-zhang', { action: 'closeAccount', confirm: '注销' }))).toBe('AUTH.FORBIDDEN')
    expect(rt.emulator.db.findOne('users', { openid: 'o-demo-zhang' })).not.toBeNull()
  })

  test('the confirmation word is required', async () => {
    const before = await rt.snapshot()
    const r = await privacy('o-demo-afang', { action: 'closeAccount', confirm: '确定' })
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION.INVALID', message: expect.any(String), fieldErrors: { confirm: '请输入“注销”两个字，确认要注销' } } })
    expect(await rt.snapshot()).toEqual(before)
  })

  test('de-identifies: identity, consents, loose files and profile go; attached files and audit stay; the OPENID then starts afresh', async () => {
    const afang = 'o-demo-afang'
    const userId = demoId('user-rider')
    await grant(afang, 'id_number')
    await grant(afang, 'medical_documents')
    expect((await setId(afang, testIdNumber(21))).ok).toBe(true)
    const loose = await uploadFile(files(afang), sampleBytes('image/jpeg', 3000), { purpose: 'medical_record' })
    const kept = await uploadFile(files(afang), sampleBytes('application/pdf', 3000), { mime: 'application/pdf', purpose: 'medical_invoice' })
    rt.emulator.db.update('files', { _id: kept }, { $set: { attachedTo: { type: 'claim', id: 'claim-1', at: new Date() } } })
    const looseStorage = rt.emulator.db.findOne('files', { _id: loose })!.fileID as string
    const keptStorage = rt.emulator.db.findOne('files', { _id: kept })!.fileID as string

    const r = await privacy<CloseResult>(afang, { action: 'closeAccount', confirm: '注销' })
    expect(r).toEqual({ ok: true, data: { closedAt: expect.any(String), deletedFiles: 1, keptFiles: 1 } })

    const user = rt.emulator.db.findOne('users', { _id: userId })!
    expect(user).toMatchObject({ openid: expect.stringMatching(/^closed-[0-9a-f]{32}$/), profile: {}, role: 'worker', orgId: null, closedAt: expect.any(Date) })
    const tombstone = user.openid as string
    expect(rt.emulator.db.count('users', { openid: afang })).toBe(0)
    expect(rt.emulator.db.count('identities', { ownerOpenid: afang })).toBe(0)
    expect(rt.emulator.db.count('consents', { openid: afang })).toBe(0)
    expect(rt.emulator.db.find('consents', { openid: tombstone })).toEqual([
      expect.objectContaining({ category: 'id_number', withdrawnAt: expect.any(Date), endReason: 'closed' }),
      expect.objectContaining({ category: 'medical_documents', withdrawnAt: expect.any(Date), endReason: 'closed' }),
    ])
    expect(rt.emulator.db.findOne('files', { _id: loose })).toBeNull()
    expect(rt.emulator.storage.get(looseStorage)).toBeNull()
    expect(rt.emulator.db.findOne('files', { _id: kept })).toMatchObject({ ownerOpenid: tombstone, attachedTo: { type: 'claim' } })
    expect(rt.emulator.storage.get(keptStorage)).not.toBeNull()
    expect(rt.emulator.db.find('audit', { action: 'privacy.close' })).toEqual([
      expect.objectContaining({ target: { type: 'user', id: userId }, detail: { identityDeleted: true, deletedFiles: 1, keptFiles: 1, consents: 2 } }),
    ])
    const db = JSON.stringify(await rt.snapshot())
    expect(db).not.toContain('陈芳')
    expect(db).not.toContain('18170312345')

    // the same WeChat user comes back: a new, empty account
    const again = await myData(afang)
    expect(again.ok && again.data).toMatchObject({ account: { shortUserId: null }, profile: { name: null, phone: null }, identity: null, files: [] })
    expect(again.ok && again.data.consents.every((c) => c.status === 'never')).toBe(true)
    const me = (await rt.invokeAs(afang, 'session', { action: 'me' })) as Reply<Me>
    expect(me.ok && me.data).toMatchObject({ isNew: true, displayName: '微信用户', maskedPhone: null })
    expect(me.ok && me.data.userId).not.toBe(userId)
    // and the old number can be given again by that new account
    await grant(afang, 'id_number')
    expect((await setId(afang, testIdNumber(21))).ok).toBe(true)
  }, 30000)
})

describe('hostile events', () => {
  test('identity injected in the event is ignored', async () => {
    const plain = await myData('o-demo-laoli')
    for (const injected of [{ openid: 'o-demo-zhao' }, { _openid: 'o-demo-zhao', OPENID: 'o-demo-zhao' }, { role: 'admin', isStaff: true }, { userInfo: { openId: 'o-demo-zhao' } }]) {
      const r = await myData('o-demo-laoli')
      const withInjection = await privacy<MyData>('o-demo-laoli', { action: 'myData', ...injected })
      expect({ ...withInjection, data: { ...(withInjection as { data: MyData }).data, generatedAt: '' } }).toEqual({ ...r, data: { ...(r as { data: MyData }).data, generatedAt: '' } })
    }
    expect(plain.ok && plain.data.account.roleLabel).toBe('职工')
    expect(errorOf(await privacy('o-demo-laoli', { action: 'revealIdNumber', userId: demoId('user-migrant'), purpose: 'identity_check', role: 'admin', openid: 'o-demo-zhao' }))).toBe('AUTH.FORBIDDEN')
  })

  const ACTIONS = ['consentStatus', 'grantConsent', 'withdrawConsent', 'setIdNumber', 'myData', 'closeAccount', 'revealIdNumber']

  test.each([
    ['operator in category', { action: 'grantConsent', category: { $ne: null }, policyVersion: { $gt: '' } }],
    ['operator in userId', { action: 'revealIdNumber', userId: { $ne: null }, purpose: 'identity_check' }],
    ['wrong types', { action: 'setIdNumber', idNumber: 110105194912310029 }],
    ['array id', { action: 'setIdNumber', idNumber: [ID_A] }],
    ['huge id', { action: 'setIdNumber', idNumber: '1'.repeat(100000) }],
    ['deep nesting', { action: 'withdrawConsent', category: JSON.parse('['.repeat(300) + ']'.repeat(300)) }],
    ['confirm object', { action: 'closeAccount', confirm: { $eq: '注销' } }],
    ['unknown category', { action: 'withdrawConsent', category: 'everything' }],
    ['prototype', { action: 'grantConsent', category: '__proto__', policyVersion: 'x' }],
  ])('%s → a clear refusal, nothing written', async (_name, event) => {
    const before = await rt.snapshot()
    for (const openid of ['o-test-hostile', 'o-demo-zhao']) {
      const r = await privacy(openid, event)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await rt.snapshot()).toEqual(before)
  })

  test('fuzzed events never crash, always answer with an envelope, and write nothing', async () => {
    const before = await rt.snapshot()
    const event = fc.oneof(
      fc.anything(),
      fc
        .record({ action: fc.constantFrom(...ACTIONS) })
        .chain((base) => fc.dictionary(fc.constantFrom('category', 'policyVersion', 'idNumber', 'confirm', 'userId', 'purpose', 'x'), fc.anything()).map((extra) => ({ ...extra, ...base }))),
    )
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const r = (await privacy('o-test-fuzz', e)) as Reply
        if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return false
        if (/\bat [\w.<>]+ \(|node_modules|\.js:\d+/.test(JSON.stringify(r))) return false
        // only reads may succeed for a random caller
        return r.ok ? ['consentStatus', 'myData', 'withdrawConsent'].includes(String((e as { action?: unknown }).action)) : /[\u4e00-\u9fa5]/.test(r.error.message)
      }),
      { numRuns: 150 },
    )
    const after = await rt.snapshot()
    expect(after).toEqual(before)
  }, 120000)
})

test('no reply carries an ID, card or phone number (the staff reveal only in 6-8-4 groups)', () => {
  expect(replies.length).toBeGreaterThan(80)
  const leaks = replies.flatMap(({ reply }) => findPersonalNumbers(JSON.stringify(reply)))
  expect(leaks).toEqual([])
})

describe('keys are configuration', () => {
  test('without UNION_DATA_KEY the function refuses to run: SYS.INTERNAL, a clear log line, no number anywhere', async () => {
    // The function module in this process, as a CloudBase instance would run it, with the key missing.
    const { pointSdkAt } = require('../emulator/harness') as typeof import('../emulator/harness')
    pointSdkAt(`${rt.url}/admin`)
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-test-nokey', UNION_INDEX_KEY: 'a'.repeat(64) })
    delete process.env.UNION_DATA_KEY
    const { main } = require('../../cloudfunctions/privacy/index') as { main: (e: unknown) => Promise<Reply> }
    const log = jest.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const before = await rt.snapshot()
      for (const [openid, event] of [
        ['o-test-nokey', { action: 'setIdNumber', idNumber: ID_A }],
        ['o-demo-liu', { action: 'revealIdNumber', userId: demoId('user-migrant'), purpose: 'identity_check' }],
      ] as const) {
        process.env.WX_OPENID = openid
        expect(await main(event)).toEqual({ ok: false, error: { code: 'SYS.INTERNAL', message: '系统开小差了，请稍后再试一次' } })
      }
      expect(await rt.snapshot()).toEqual(before)
      const lines = log.mock.calls.map((c) => c.join(' '))
      expect(lines.some((l) => l.includes('CryptoConfigError') && l.includes('UNION_DATA_KEY'))).toBe(true)
      expect(lines.join('\n')).not.toContain('19491231')
    } finally {
      log.mockRestore()
      delete process.env.WX_CONTEXT_KEYS
      delete process.env.WX_OPENID
    }
  })
})
