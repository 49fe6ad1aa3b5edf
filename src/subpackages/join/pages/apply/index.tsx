import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import Loading from '../../../../components/Loading'
import StationFieldError from '../../../../components/StationFieldError'
import StepSummary, { type SummaryGroup } from '../../../../components/StepSummary'
import type { AppError, FieldErrors } from '../../../../domain/envelope'
import { CONSENT_ERR } from '../../../../domain/consent/consent'
import {
  applicationInput,
  EMPLOYMENT_TYPE_LABELS,
  INCOME_SOURCES,
  NAME_MAX,
  WORK_PLACES,
  type ApplicationData,
  type CheckReply,
} from '../../../../domain/membership/membership.schema'
import { EMPLOYER_NOT_TOLD } from '../../../../domain/membership/membership.rules'
import { maskIdNumber, maskPhone } from '../../../../domain/privacy/mask'
import { canonicalJson } from '../../../../domain/requests/idempotency-key'
import { toFieldErrors } from '../../../../domain/validation'
import { errorText, isTransient } from '../../../../services/errors'
import { toTop } from '../../../../services/forms'
import { applyToJoin, checkApplication, JOIN_STATUS_PAGE, TRANSFER_PAGE } from '../../../../services/membership'
import { getConsents, PRIVACY_PAGE } from '../../../../services/privacy'
import ConsentBox, { ConsentGate, type ConsentState } from '../../../../components/ConsentBox'
import { Choices, IdNumberField, TextField } from '../../../../components/Field'
import RouteBox from '../../components/RouteBox'
import Trouble from '../../../../components/Trouble'
import WizardSteps from '../../../../components/WizardSteps'
import { JobFields, PlaceFields } from '../../components/WorkFields'
import { emptyWork, formErrors, freshKey, keptOnPhone, keyFor, withoutErrors, workInput, type IncomeChoice, type SendKey, type WorkForm } from '../../form'
import { useDraft } from '../../useDraft'
import { useSubscribeAsk } from '../../../../services/subscribe'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../join.css'

type Step = 1 | 2 | 3 | 4
const STEPS: Record<Step, { title: string; fields: string[] }> = {
  1: { title: '你是谁', fields: ['name', 'idNumber', 'phone'] },
  2: { title: '在哪里干活', fields: ['workPlace', 'remoteUnion', 'workCity', 'employer'] },
  3: { title: '怎么干活', fields: ['employmentType', 'platform', 'occupation', 'incomeSource'] },
  4: { title: '确认', fields: ['charterAccepted'] },
}
const STEP_LIST: Step[] = [1, 2, 3, 4]
const REFUSE_ID = '不同意的话，没法在网上入会。可以带上身份证到工会去办，或者打 12351 问一问。'

/** 会员的权利和义务 (中国工会章程), in words a primary-school reader follows. */
const CHARTER = [
  '入了会，工会帮你维护合法权益：被欠工资、受了工伤、被乱辞退，工会帮你说话、帮你想办法。',
  '会员可以参加工会的活动，享受工会给会员的服务和帮助，可以对工会的工作提意见、选工会的负责人。',
  '会员要遵守国家的法律和工会的章程，和工友们团结互助。',
  '会员每月交一点会费，一般是工资的千分之五（每 100 元交 5 角钱）。',
]

/**
 * The wizard's draft. The ID number is never kept in it (a phone may be shared, and storage is plain):
 * after the app was closed the worker types the ID number again; everything else is kept until the
 * application is in.
 */
interface ApplyDraft {
  step: Step
  name: string
  phone: string
  incomeSource: IncomeChoice
  charterAccepted: boolean
  work: WorkForm
  /** The idempotency key and the (masked) content it was last sent with. */
  send: SendKey
  /** An ID number had been typed (so a restored draft asks for it again). */
  idTyped: boolean
}
const DRAFT = 'apply'

function restoreDraft(saved: Partial<ApplyDraft> | null): ApplyDraft {
  return {
    name: '',
    phone: '',
    incomeSource: '',
    charterAccepted: false,
    idTyped: false,
    ...saved,
    // the ID number is on step 1 and must be typed again
    step: 1,
    work: { ...emptyWork(), ...saved?.work },
    send: saved?.send?.key ? saved.send : freshKey(),
  }
}

type Check = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; reply: CheckReply; content: string } | { status: 'error'; error: AppError } | { status: 'consent' }
/** A problem the server found on sending, and where the worker can go about it. */
interface Problem {
  text: string
  go?: 'transfer' | 'status' | 'privacy'
}

type Validated = { ok: true; data: ApplicationData } | { ok: false; errors: FieldErrors }

/**
 * Answers that pass, for the steps after `step`: the schema's cross-field rules (Shanghai → which union,
 * platform work → which platform) only speak once every field is right, so a step is judged with the
 * later, unanswered steps filled in. No rule crosses steps, so this changes nothing for the step itself.
 */
const LATER_STEPS: Record<Step, Record<string, unknown>> = {
  1: { workPlace: 'local', employer: { kind: 'known', employerId: 'later' }, employmentType: 'full_time', occupation: 'later', incomeSource: 'wages' },
  2: { employmentType: 'full_time', occupation: 'later', incomeSource: 'wages' },
  3: {},
  4: {},
}

/** The application as the contract takes it, judged by the same schema the function uses. */
function validate(d: ApplyDraft, idNumber: string, stepOnly?: Step): Validated {
  const raw: Record<string, unknown> = {
    name: d.name,
    idNumber,
    phone: d.phone,
    incomeSource: d.incomeSource || undefined,
    charterAccepted: d.charterAccepted,
    ...workInput(d.work),
  }
  const parsed = applicationInput.safeParse(stepOnly ? { ...raw, ...LATER_STEPS[stepOnly] } : raw)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) }
}

const stepOf = (field: string): Step => STEP_LIST.find((s) => STEPS[s].fields.some((f) => field === f || field.startsWith(`${f}.`))) ?? 4
const firstBadStep = (errors: FieldErrors): Step | null => {
  const steps = Object.keys(errors).map(stepOf)
  return steps.length ? (Math.min(...steps) as Step) : null
}
const onlyStep = (errors: FieldErrors, step: Step): FieldErrors => Object.fromEntries(Object.entries(errors).filter(([k]) => stepOf(k) <= step))
/** What the idempotency key stands for: the application with the ID number masked (the draft keeps it). */
const contentOf = (data: ApplicationData) => canonicalJson({ ...data, idNumber: maskIdNumber(data.idNumber) })

/** 申请入会: four short steps, then the server checks it before the worker sends it. */
export default function ApplyPage() {
  const { textClass } = useTextSize()
  const { value: draft, setValue: setDraft, restored, clear } = useDraft<ApplyDraft>(DRAFT, restoreDraft)
  const askSubscribe = useSubscribeAsk('submit')
  const [idNumber, setIdNumber] = useState('')
  const [consent, setConsent] = useState<ConsentState>('loading')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [check, setCheck] = useState<Check>({ status: 'idle' })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const checkSeq = useRef(0)
  const step = draft.step

  useEffect(() => {
    getConsents().then(
      (r) => {
        const c = r.ok ? r.data.consents.find((x) => x.category === 'id_number') : undefined
        setConsent(c?.status === 'granted' ? 'granted' : c?.status === 'outdated' ? 'renew' : 'needed')
      },
      // cannot tell: ask (agreeing twice changes nothing)
      () => setConsent('needed'),
    )
  }, [])

  const change = (patch: Partial<ApplyDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
  }
  const changeWork = (patch: Partial<WorkForm>, fields: string[]) => change({ work: { ...draft.work, ...patch } }, fields)

  const goTo = (next: Step) => {
    setDraft((d) => ({ ...d, step: next }))
    toTop()
  }

  /** The server found something wrong with a field: back to its step, the words next to it. */
  const backToField = (error: AppError): boolean => {
    const fe = formErrors(error.fieldErrors, 'application')
    if (error.code === 'MEMBERSHIP.EMPLOYER_NOT_FOUND') fe.employer = errorText(error)
    const bad = firstBadStep(fe)
    if (bad === null || bad === 4) return false
    setErrors(onlyStep(fe, bad))
    setProblem({ text: errorText(error) })
    goTo(bad)
    return true
  }

  const runCheck = (d: ApplyDraft) => {
    const v = validate(d, idNumber)
    if (!v.ok) {
      const bad = firstBadStep(v.errors) ?? 4
      setCheck({ status: 'idle' })
      setErrors(onlyStep(v.errors, bad))
      if (bad !== 4) goTo(bad)
      return
    }
    const mine = ++checkSeq.current
    const content = contentOf(v.data)
    setCheck({ status: 'loading' })
    checkApplication(v.data).then(
      (r) => {
        if (mine !== checkSeq.current) return
        if (r.ok) setCheck({ status: 'ok', reply: r.data, content })
        else if (r.error.code === CONSENT_ERR.REQUIRED || r.error.code === CONSENT_ERR.STALE_VERSION) setCheck({ status: 'consent' })
        else if (backToField(r.error)) setCheck({ status: 'idle' })
        else setCheck({ status: 'error', error: r.error })
      },
      () => mine === checkSeq.current && setCheck({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } }),
    )
  }

  const next = () => {
    const v = validate(draft, idNumber, step)
    const mine = v.ok ? {} : Object.fromEntries(Object.entries(v.errors).filter(([k]) => stepOf(k) === step))
    if (Object.keys(mine).length) {
      setErrors(mine)
      return
    }
    setErrors({})
    const to = (step + 1) as Step
    goTo(to)
    if (to === 4) runCheck({ ...draft, step: to })
  }

  const toggleCharter = () => {
    const d = { ...draft, charterAccepted: !draft.charterAccepted }
    change({ charterAccepted: d.charterAccepted }, ['charterAccepted'])
    runCheck(d)
  }

  const submit = async () => {
    if (sending.current) return
    const v = validate(draft, idNumber)
    if (!v.ok) {
      runCheck(draft)
      return
    }
    const content = contentOf(v.data)
    if (check.status !== 'ok' || !check.reply.eligible || check.content !== content) {
      runCheck(draft)
      return
    }
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send
    askSubscribe()
    const send = keyFor(draft.send, content)
    setDraft((d) => ({ ...d, send }))
    sending.current = true
    setBusy(true)
    setProblem(null)
    const r = await applyToJoin(send.key, v.data).catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) {
      clear()
      void Taro.showToast({ title: '申请交上去了', icon: 'success' })
      void Taro.redirectTo({ url: JOIN_STATUS_PAGE })
      return
    }
    if (!r || isTransient(r.error)) {
      setProblem({ text: keptOnPhone(r?.error, '提交入会申请') })
      return
    }
    const code = r.error.code
    if (code === 'REQUEST.KEY_CONFLICT') {
      setDraft((d) => ({ ...d, send: freshKey() }))
      setProblem({ text: '你刚才已经交过一次申请了，可以在“入会进度”里看到。如果要按现在填的内容再交，请再点一次“提交入会申请”。', go: 'status' })
      return
    }
    if (code === CONSENT_ERR.REQUIRED || code === CONSENT_ERR.STALE_VERSION) {
      setCheck({ status: 'consent' })
      return
    }
    if (code === 'MEMBERSHIP.NOT_ELIGIBLE') {
      runCheck(draft)
      return
    }
    if (backToField(r.error)) return
    const go = code === 'MEMBERSHIP.ALREADY_MEMBER' ? 'transfer' : code === 'MEMBERSHIP.APPLICATION_OPEN' ? 'status' : code === 'MEMBERSHIP.ID_MISMATCH' ? 'privacy' : undefined
    setProblem({ text: errorText(r.error), go })
  }

  const problemBox = problem && (
    <View className='notice notice--bad' role='alert'>
      <Text>{problem.text}</Text>
      {problem.go && <GoButton go={problem.go} />}
    </View>
  )

  return (
    <View className={pageClass('page join', textClass)}>
      <WizardSteps step={step} titles={STEP_LIST.map((n) => STEPS[n].title)} />

      <View className='card'>
        {restored && step === 1 && (
          <Text className='notice'>上次填的内容还在，接着填就行。{draft.idTyped && !idNumber ? '为了保护你的信息，身份证号没有存在手机上，请再填一次。' : ''}</Text>
        )}

        {step === 1 && (
          <View>
            <TextField label='你的名字' hint='和身份证上的一样。' name='姓名' value={draft.name} maxlength={NAME_MAX} onInput={(name) => change({ name }, ['name'])} error={errors.name} />
            <ConsentGate category='id_number' task='入会' refuse={REFUSE_ID} state={consent} onGranted={() => setConsent('granted')}>
              <IdNumberField
                value={idNumber}
                onInput={(v) => {
                  setIdNumber(v)
                  setErrors((e) => withoutErrors(e, ['idNumber']))
                  if (!draft.idTyped) setDraft((d) => ({ ...d, idTyped: true }))
                }}
                error={errors.idNumber}
              />
            </ConsentGate>
            {consent !== 'granted' && errors.idNumber && <StationFieldError text='请先看一看上面的说明，点“我同意”，再填身份证号。' />}
            <TextField label='手机号' hint='工会有事会打这个电话。' name='手机号' type='number' value={draft.phone} maxlength={11} onInput={(phone) => change({ phone }, ['phone'])} error={errors.phone} />
          </View>
        )}

        {step === 2 && <PlaceFields form={draft.work} change={changeWork} errors={errors} />}

        {step === 3 && (
          <View>
            <JobFields form={draft.work} change={changeWork} errors={errors} />
            <Choices
              label='主要靠什么挣钱？'
              options={INCOME_SOURCES}
              value={draft.incomeSource}
              onChange={(incomeSource) => change({ incomeSource }, ['incomeSource'])}
              error={errors.incomeSource}
            />
          </View>
        )}

        {step === 4 && (
          <View>
            <Summary draft={draft} idNumber={idNumber} onEdit={goTo} />
            <View className='charter'>
              <Text className='charter__title'>工会章程的要点：会员的权利和义务</Text>
              {CHARTER.map((line) => (
                <Text key={line} className='charter__line'>
                  · {line}
                </Text>
              ))}
              <View className={`checkbox${draft.charterAccepted ? ' checkbox--on' : ''}`} role='checkbox' aria-checked={draft.charterAccepted} onClick={toggleCharter}>
                <Text className='checkbox__box' aria-hidden>
                  {draft.charterAccepted ? '✓' : ''}
                </Text>
                <Text className='checkbox__label'>我愿意遵守工会章程</Text>
              </View>
            </View>
            <CheckResult check={check} onRetry={() => runCheck(draft)} onConsent={() => runCheck(draft)} />
          </View>
        )}

        {problemBox}

        {step === 4 && check.status === 'ok' && check.reply.eligible && (
          <Button className='big-button gap' type='primary' block disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : '提交入会申请'}
          </Button>
        )}
        {step < 4 && (
          <Button className='big-button gap' type='primary' block onClick={next}>
            下一步
          </Button>
        )}
        {step > 1 && (
          <Button className='big-button gap' block disabled={busy} onClick={() => goTo((step - 1) as Step)}>
            上一步
          </Button>
        )}
      </View>
    </View>
  )
}

function GoButton({ go }: { go: NonNullable<Problem['go']> }) {
  if (go === 'transfer')
    return (
      <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: TRANSFER_PAGE })}>
        去办转会
      </Button>
    )
  if (go === 'status')
    return (
      <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: JOIN_STATUS_PAGE })}>
        看入会进度
      </Button>
    )
  return (
    <Button className='big-button gap' block onClick={() => Taro.navigateTo({ url: PRIVACY_PAGE })}>
      去“我的信息与隐私”
    </Button>
  )
}

/** What the worker filled in, with a way back to each step. */
function Summary({ draft, idNumber, onEdit }: { draft: ApplyDraft; idNumber: string; onEdit(step: Step): void }) {
  const w = draft.work
  const place = WORK_PLACES.find((p) => p.code === w.workPlace)?.label ?? ''
  const groups: SummaryGroup<Step>[] = [
    { step: 1, lines: [draft.name, `身份证 ${maskIdNumber(idNumber)}`, `手机 ${maskPhone(draft.phone)}`] },
    { step: 2, lines: [place + (w.workPlace === 'elsewhere' && w.workCity ? `（${w.workCity}）` : ''), w.employer?.name ?? ''] },
    { step: 3, lines: [w.employmentType ? EMPLOYMENT_TYPE_LABELS[w.employmentType] : '', w.occupation] },
  ]
  return <StepSummary groups={groups} onEdit={onEdit} />
}

/** The server's answer before sending: can I join, who handles it and why, by when, and that the employer is not told. */
function CheckResult({ check, onRetry, onConsent }: { check: Check; onRetry(): void; onConsent(): void }) {
  if (check.status === 'idle') return null
  if (check.status === 'loading') return <Loading text='正在检查你能不能入会…' rows={2} />
  if (check.status === 'error') return <Trouble title='没能检查' error={check.error} onRetry={onRetry} />
  if (check.status === 'consent') return <ConsentBox category='id_number' task='入会' refuse={REFUSE_ID} onGranted={onConsent} />
  const r = check.reply
  return (
    <View className='check' aria-live='polite'>
      {r.eligible ? (
        <Text className='notice notice--ok check__verdict'>✅ 你可以入会，请看一看下面的说明再提交。</Text>
      ) : (
        <View className='notice notice--bad check__verdict' role='alert'>
          <Text className='check__head'>现在还不能提交：</Text>
          {r.issues.map((i) => (
            <Text key={i.code} className='check__issue'>
              · {i.message}
            </Text>
          ))}
          {r.offerTransfer && <GoButton go='transfer' />}
          {r.issues.some((i) => i.code === 'APPLICATION_OPEN') && <GoButton go='status' />}
        </View>
      )}
      {r.route && <RouteBox orgName={r.route.orgName} why={r.route.why} />}
      {r.eligible && (
        <Text className='check__due'>
          ⏰ 工会会在 {r.replyWorkingDays} 个工作日内<Text className='nowrap'>（{r.dueLabel}前）</Text>答复你。
        </Text>
      )}
      <Text className='check__privacy'>🔒 {r.privacyNote || EMPLOYER_NOT_TOLD}</Text>
    </View>
  )
}
