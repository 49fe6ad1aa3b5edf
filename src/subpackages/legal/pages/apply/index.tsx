import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import Problem from '../../../../components/Problem'
import StepSummary, { type SummaryGroup } from '../../../../components/StepSummary'
import Trouble from '../../../../components/Trouble'
import WizardSteps from '../../../../components/WizardSteps'
import type { AppError, FieldErrors } from '../../../../domain/envelope'
import type { CheckReply } from '../../../../domain/legal-aid/legal-aid.api'
import { LEGAL_AID_ERR } from '../../../../domain/legal-aid/legal-aid.constants'
import type { LegalAidDraft } from '../../../../domain/legal-aid/legal-aid.schema'
import { canonicalJson } from '../../../../domain/requests/idempotency-key'
import { errorText, isTransient } from '../../../../services/errors'
import { formErrors, freshKey, keptOnPhone, keyFor, toTop, withoutErrors } from '../../../../services/forms'
import { checkLegalRequest, getLegalDraft, LEGAL_CASE_PAGE, LEGAL_PAGE, submitLegalRequest } from '../../../../services/legal-aid'
import { consentAsked, useConsents } from '../../../../services/useConsents'
import { useDraft } from '../../../../services/useDraft'
import { useSubscribeAsk } from '../../../../services/subscribe'
import EvidencePhotos from '../../components/EvidencePhotos'
import { EligibilityBox, LimitationBox } from '../../components/Verdict'
import { APPLY_DRAFT, legalDrafts } from '../../legal'
import { DatesStep, EmployerStep, FactsField, IncomeField, TroubleStep, WantsStep } from './RequestFields'
import {
  emptyForm,
  firstBadStep,
  formFromServer,
  judge,
  LAST_STEP,
  requestOf,
  restoreForm,
  serverDraftOf,
  STEP_TITLES,
  stepOfField,
  summaryLines,
  type LegalForm,
  type Step,
} from './requestForm'
import { useServerDraft } from './useServerDraft'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../legal.css'
import './index.css'

type Start = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'ready'; server: LegalAidDraft | null }

/**
 * 申请法律援助. A draft on the phone wins; without one (a new phone, storage cleared) the server's copy
 * is read first, so nothing typed elsewhere is lost.
 */
export default function ApplyPage() {
  const { textClass } = useTextSize()
  const [onPhone] = useState(() => legalDrafts.load<Partial<LegalForm>>(APPLY_DRAFT) !== null)
  const [start, setStart] = useState<Start>(onPhone ? { status: 'ready', server: null } : { status: 'loading' })
  const seq = useRef(0)

  const readServer = () => {
    const mine = ++seq.current
    setStart({ status: 'loading' })
    getLegalDraft().then(
      (r) => mine === seq.current && setStart(r.ok ? { status: 'ready', server: r.data.draft } : { status: 'failed', error: r.error }),
      () => mine === seq.current && setStart({ status: 'failed', error: { code: 'SYS.BAD_REPLY', message: '' } }),
    )
  }
  useEffect(() => {
    if (!onPhone) readServer()
    return () => {
      seq.current++
    }
  }, [])
  const startEmpty = () => {
    seq.current++
    setStart({ status: 'ready', server: null })
  }

  return (
    <View className={pageClass('page legal', textClass)}>
      <PrivacyPopup />
      {start.status === 'loading' && (
        <View className='card'>
          <Loading text='正在找你上次填的内容…' rows={2} />
          <Button className='big-button gap' block onClick={startEmpty}>
            不等了，直接开始填
          </Button>
        </View>
      )}
      {start.status === 'failed' && (
        <View className='card'>
          <Trouble title='没能读到你在网上保存的内容' error={start.error} onRetry={readServer} />
          <Button className='big-button gap' block onClick={startEmpty}>
            重新开始填
          </Button>
        </View>
      )}
      {start.status === 'ready' && <Wizard server={start.server} onPhone={onPhone} />}
    </View>
  )
}

type Check = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; reply: CheckReply; content: string } | { status: 'error'; error: AppError }
interface SendProblem {
  text: string
  go?: 'cases'
}

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }

function Wizard({ server, onPhone }: { server: LegalAidDraft | null; onPhone: boolean }) {
  const { value: form, setValue: setForm, clear } = useDraft<LegalForm>(legalDrafts, APPLY_DRAFT, (saved) =>
    saved ? restoreForm(saved) : server ? formFromServer(server) : emptyForm(),
  )
  // what the server holds: what the form started from (a phone draft may be newer than it: unknown)
  const [held] = useState(() => (onPhone ? null : serverDraftOf(form)))
  const serverDraft = useServerDraft(serverDraftOf(form), held)
  const askSubscribe = useSubscribeAsk('submit')
  const consent = useConsents()
  const [errors, setErrors] = useState<FieldErrors>({})
  const [check, setCheck] = useState<Check>({ status: 'idle' })
  const [problem, setProblem] = useState<SendProblem | null>(null)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [welcome, setWelcome] = useState<string | null>(onPhone ? '上次填的内容还在，接着填就行。' : server ? '你在网上保存的内容找回来了，接着填就行。' : null)
  const sending = useRef(false)
  const checkSeq = useRef(0)
  const step = form.step

  const goTo = (next: Step) => {
    const moved = { ...form, step: next }
    setWelcome(null)
    setForm((f) => ({ ...f, step: next }))
    setErrors({})
    setProblem(null)
    // leaving a step: the server copy now, not in 20 s
    serverDraft.saveNow(serverDraftOf(moved))
    toTop()
    if (next === LAST_STEP) runCheck(moved)
  }

  const change = (patch: Partial<LegalForm>, fields: string[]) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
  }

  /** Problems of fields: back to the first step with one, the words next to the fields. */
  const showErrors = (e: FieldErrors) => {
    const bad = firstBadStep(e)
    setCheck({ status: 'idle' })
    // a problem of no one field: said on the last step
    if (bad === LAST_STEP) return setProblem({ text: Object.values(e)[0] ?? errorText(BAD_REPLY) })
    if (bad !== step) goTo(bad)
    setErrors(Object.fromEntries(Object.entries(e).filter(([k]) => stepOfField(k) === bad)))
  }

  /** The server's word about a field. */
  const backToField = (error: AppError): boolean => {
    const fe = formErrors(error.fieldErrors, 'request')
    if (error.code === LEGAL_AID_ERR.EVIDENCE_INVALID.code) fe.evidenceFileIds = errorText(error)
    if (error.code === LEGAL_AID_ERR.FUTURE_DATE.code && !Object.keys(fe).some((k) => k.startsWith('dates'))) fe.dates = errorText(error)
    const fields = Object.keys(fe).filter((k) => k !== 'consent' && stepOfField(k) < LAST_STEP)
    if (fields.length === 0) return false
    showErrors(Object.fromEntries(fields.map((k) => [k, fe[k]])))
    setProblem({ text: errorText(error) })
    return true
  }

  /** The check before sending: eligibility, the last day for arbitration, who handles it and by when. */
  const runCheck = (f: LegalForm) => {
    const judged = judge(f)
    if (!judged.ok) return showErrors(judged.errors)
    const mine = ++checkSeq.current
    const content = canonicalJson(requestOf(f))
    setCheck({ status: 'loading' })
    checkLegalRequest(judged.request).then(
      (r) => {
        if (mine !== checkSeq.current) return
        if (!r.ok) {
          if (!backToField(r.error)) setCheck({ status: 'error', error: r.error })
          return
        }
        setCheck({ status: 'ok', reply: r.data, content })
        if (r.data.eligibility.askIncome && !f.askIncome) setForm((d) => ({ ...d, askIncome: true }))
      },
      () => mine === checkSeq.current && setCheck({ status: 'error', error: BAD_REPLY }),
    )
  }

  // a draft that comes back on the last step shows the check again
  useEffect(() => {
    if (step === LAST_STEP) runCheck(form)
  }, [])

  const next = () => {
    if (uploading) return
    const judged = judge(form, step)
    if (!judged.ok) return setErrors(judged.errors)
    goTo((step + 1) as Step)
  }

  const fresh = check.status === 'ok' && check.content === canonicalJson(requestOf(form))

  const submit = async () => {
    if (sending.current || uploading) return
    const judged = judge(form)
    if (!judged.ok) return showErrors(judged.errors)
    if (!fresh) return runCheck(form)
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send
    askSubscribe()
    const send = keyFor(form.send, requestOf(form))
    setForm((f) => ({ ...f, send }))
    sending.current = true
    setBusy(true)
    setProblem(null)
    const r = await submitLegalRequest(send.key, judged.request).catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) {
      serverDraft.stop()
      clear()
      void Taro.showToast({ title: '交给工会了', icon: 'success' })
      void Taro.redirectTo({ url: `${LEGAL_CASE_PAGE}?id=${encodeURIComponent(r.data.id)}` })
      return
    }
    if (!r || isTransient(r.error)) return setProblem({ text: keptOnPhone(r?.error, '提交给工会') })
    const code = r.error.code
    if (code === 'REQUEST.KEY_CONFLICT') {
      setForm((f) => ({ ...f, send: freshKey() }))
      return setProblem({ text: '你刚才已经交过一次了，可以在“我的求助”里看到。如果要按现在填的内容再交，请再点一次“提交给工会”。', go: 'cases' })
    }
    const asked = consentAsked(r.error)
    if (asked) {
      consent.lost(asked)
      goTo(5)
      return setProblem({ text: errorText(r.error) })
    }
    if (backToField(r.error)) return
    setProblem({ text: errorText(r.error), go: code === LEGAL_AID_ERR.CASE_OPEN.code ? 'cases' : undefined })
  }

  const lines = summaryLines(form)
  const groups: SummaryGroup<Step>[] = ([1, 2, 3, 4, 5] as const).map((s) => ({ step: s, lines: lines[s] }))
  const medical = form.disputeType === 'injury' || form.hardship === 'serious_illness'

  return (
    <View>
      <WizardSteps step={step} titles={STEP_TITLES} />
      <View className='card'>
        {welcome && <Text className='notice'>{welcome}</Text>}
        {step === 1 && <TroubleStep form={form} change={change} errors={errors} />}
        {step === 2 && <EmployerStep form={form} change={change} errors={errors} />}
        {step === 3 && <DatesStep form={form} change={change} errors={errors} />}
        {step === 4 && <WantsStep form={form} change={change} errors={errors} />}
        {step === 5 && (
          <View>
            <FactsField form={form} change={change} errors={errors} />
            {form.keptFileIds.length > 0 && (
              <View className='notice'>
                <Text>之前传的 {form.keptFileIds.length} 张照片已经保存好了，会一起交给工会（换了手机看不到小图）。</Text>
                <View className='text-link' role='button' onClick={() => change({ keptFileIds: [] }, ['evidenceFileIds'])}>
                  <Text>这些照片不要了</Text>
                </View>
              </View>
            )}
            <EvidencePhotos
              files={form.evidence}
              onChange={(purpose, photos) => change({ evidence: { ...form.evidence, [purpose]: photos } }, ['evidenceFileIds'])}
              medical={medical}
              kept={form.keptFileIds.length}
              consent={consent}
              onBusy={setUploading}
              disabled={busy}
              error={errors.evidenceFileIds}
            />
          </View>
        )}
        {step === LAST_STEP && (
          <View>
            <StepSummary groups={groups} onEdit={goTo} />
            <CheckResult check={check} form={form} change={change} errors={errors} onRetry={() => runCheck(form)} onFixDates={() => goTo(3)} stale={!fresh} />
          </View>
        )}

        {problem && <Problem text={problem.text} action={problem.go === 'cases' ? { label: '看我的求助', onClick: () => Taro.redirectTo({ url: LEGAL_PAGE }) } : undefined} />}

        {step === LAST_STEP && check.status === 'ok' && fresh && (
          <Button className='big-button gap' type='primary' block disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : '提交给工会'}
          </Button>
        )}
        {step < LAST_STEP && (
          <Button className='big-button gap' type='primary' block disabled={uploading} onClick={next}>
            {uploading ? '照片上传中…' : '下一步'}
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

interface CheckProps {
  check: Check
  form: LegalForm
  change(patch: Partial<LegalForm>, fields: string[]): void
  errors: FieldErrors
  /** What is shown no longer matches the form (the income was typed here): check again. */
  stale: boolean
  onRetry(): void
  onFixDates(): void
}

/** The server's answer before sending, in plain words: free help or not and why, the arbitration deadline, who and by when. */
function CheckResult({ check, form, change, errors, stale, onRetry, onFixDates }: CheckProps) {
  if (check.status === 'idle') return null
  if (check.status === 'loading') return <Loading text='正在帮你看能不能免费帮、期限是哪天…' rows={2} />
  if (check.status === 'error') return <Trouble title='没能看出来' error={check.error} onRetry={onRetry} />
  const r = check.reply
  return (
    <View className='legal-check' aria-live='polite'>
      <Text className='legal-title'>提交以前，先看一看</Text>
      <EligibilityBox eligibility={r.eligibility} />
      {r.eligibility.askIncome && (
        <View>
          <IncomeField form={form} change={change} errors={errors} />
          {stale && (
            <Button className='big-button gap' block onClick={onRetry}>
              填好了，再看一看
            </Button>
          )}
        </View>
      )}
      <LimitationBox limitation={r.limitation} onFixDates={onFixDates} />
      <View className='notice'>
        <Text className='legal-verdict__line'>
          由「{r.orgName}」办理。工会会在 <Text className='nowrap'>{r.reviewDueLabel}</Text> 前告诉你受不受理（等你补材料的日子不算）。
        </Text>
        {r.notes.map((n) => (
          <Text key={n} className='legal-verdict__line'>
            · {n}
          </Text>
        ))}
        <Text className='legal-verdict__line'>工会不会告诉你的单位是你来求助的。</Text>
      </View>
      {stale && !r.eligibility.askIncome && (
        <Button className='big-button gap' block onClick={onRetry}>
          内容改了，再看一看
        </Button>
      )}
    </View>
  )
}
