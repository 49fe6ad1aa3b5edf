import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ConsentGate } from '../../../../components/ConsentBox'
import ErrorBox from '../../../../components/ErrorBox'
import { Choices, NoteField, TextField } from '../../../../components/Field'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StationFieldError from '../../../../components/StationFieldError'
import Problem from '../../../../components/Problem'
import StepSummary, { type SummaryGroup } from '../../../../components/StepSummary'
import Trouble from '../../../../components/Trouble'
import WizardSteps from '../../../../components/WizardSteps'
import { ok, type AppError, type Envelope, type FieldErrors } from '../../../../domain/envelope'
import { bankCardInput, type AssessReply, type CoverageReply } from '../../../../domain/mutual-aid/mutual-aid.api'
import { NOTE_MAX, type DocKind } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { maskBankCard } from '../../../../domain/privacy/mask'
import { canonicalJson } from '../../../../domain/requests/idempotency-key'
import { errorText, isTransient } from '../../../../services/errors'
import { formErrors, freshKey, keptOnPhone, keyFor, toTop, withoutErrors } from '../../../../services/forms'
import { AID_CLAIM_PAGE, AID_CLAIMS_PAGE, AID_PAGE, aidPlans, assessClaim, myCoverage, submitClaim } from '../../../../services/mutual-aid'
import { useDraft } from '../../../../services/useDraft'
import { useSubscribeAsk } from '../../../../services/subscribe'
import { useReply } from '../../../../services/useReply'
import Arithmetic from '../../components/Arithmetic'
import { ExplainTerms } from '../../../../components/Explain'
import DocUploads, { AID_CONSENT_REFUSE, AID_CONSENT_TASK, docIds, missingDocErrors } from '../../components/DocUploads'
import { aidDrafts, fullDate, yuan } from '../../format'
import { consentAsked, useConsents } from '../../useConsents'
import { claimOf, factLines, restoreDraft, STEP_TITLES, stepOfField, validateClaim, type ClaimDraft, type Facts, type Step, type WizardPlan } from './claimForm'
import FactsFields from './FactsFields'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../aid.css'
import './index.css'

interface Loaded {
  coverage: CoverageReply
  plans: WizardPlan[]
}

/** The plans that cover me (any status: an event inside an ended term can still be claimed), with their descriptions. */
async function loadPlans(): Promise<Envelope<Loaded>> {
  const [coverage, views] = await Promise.all([myCoverage(), aidPlans()])
  if (!coverage.ok) return coverage
  if (!views.ok) return views
  const byId = new Map(views.data.plans.map((v) => [v.planId, v]))
  const plans = coverage.data.plans.map((p): WizardPlan => ({ ...byId.get(p.planId), ...p, summary: byId.get(p.planId)?.summary ?? [] }))
  return ok({ coverage: coverage.data, plans })
}

const DRAFT = 'claim'

/** 申请补助: asks only what the chosen plan needs, then its documents and the bank card, and shows the result before sending. */
export default function ApplyPage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const { state, reload } = useReply(loadPlans)
  return (
    <View className={pageClass('page aid', textClass)}>
      <PrivacyPopup />
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={3} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你参加的保障' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.data.plans.length === 0 && (
        <View className='card'>
          <Text className='aid-title'>{state.data.coverage.identityMissing ? '先要确认你是谁' : '没有找到你参加的保障'}</Text>
          <Text className='aid-text'>
            {state.data.coverage.identityMissing
              ? '互助保障是按身份证号参加的。请先到“我的保障”填一下身份证号，再来申请。'
              : '只有参加了保障，才能申请补助。你还没参加，可以问一问单位工会。'}
          </Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: AID_PAGE })}>
            去“我的保障”
          </Button>
        </View>
      )}
      {state.status === 'ok' && state.data.plans.length > 0 && <Wizard plans={state.data.plans} planParam={params.planId} />}
    </View>
  )
}

type Check = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; reply: AssessReply; content: string } | { status: 'error'; error: AppError }
interface Problem {
  text: string
  go?: 'claims'
}

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }

function Wizard({ plans, planParam }: { plans: WizardPlan[]; planParam?: string }) {
  const { value: draft, setValue: setDraft, restored, clear } = useDraft<ClaimDraft>(aidDrafts, DRAFT, (saved) => restoreDraft(saved, plans, planParam))
  const askSubscribe = useSubscribeAsk('submitClaim')
  const consent = useConsents()
  const { consents, granted, lost } = consent
  // the bank card number lives only in the page, never in the draft
  const [card, setCard] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [check, setCheck] = useState<Check>({ status: 'idle' })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [welcome, setWelcome] = useState(restored)
  const sending = useRef(false)
  const checkSeq = useRef(0)
  const step = draft.step
  const plan = plans.find((p) => p.planId === draft.planId) ?? null

  const goTo = (next: Step) => {
    setWelcome(false)
    setDraft((d) => ({ ...d, step: next }))
    setCheck({ status: 'idle' })
    setErrors({})
    toTop()
  }
  const change = (patch: Partial<ClaimDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
    setCheck((c) => (c.status === 'ok' && step === 2 ? { status: 'idle' } : c))
  }
  const changeFacts = (patch: Partial<Facts>, fields: string[]) => change({ facts: { ...draft.facts, ...patch } }, fields)

  const claimNow = (d: ClaimDraft, withDocs: boolean) => (plan ? claimOf(plan, d.facts, withDocs ? docIds(d.docList, d.docs) : {}) : null)

  /** The server's word about a field: back to the step that asks it, the words next to the field. */
  const backToField = (error: AppError): boolean => {
    const fe = formErrors(error.fieldErrors, 'claim')
    const fields = Object.keys(fe).filter((k) => k !== 'consent')
    if (fields.length === 0) return false
    const bad = Math.min(...fields.map(stepOfField)) as Step
    goTo(bad)
    setErrors(Object.fromEntries(fields.filter((k) => stepOfField(k) === bad).map((k) => [k, fe[k]])))
    setProblem({ text: errorText(error) })
    return true
  }

  /** Asks the server what this claim would get; `then` runs with a fresh answer. */
  const assess = (d: ClaimDraft, withDocs: boolean, then?: (reply: AssessReply) => void) => {
    const raw = claimNow(d, withDocs)
    if (!raw) return
    const v = validateClaim(raw)
    if (!v.ok) {
      const bad = Math.min(...Object.keys(v.errors).map(stepOfField)) as Step
      if (bad !== step) goTo(bad)
      setErrors(v.errors)
      return
    }
    const mine = ++checkSeq.current
    const content = canonicalJson(raw)
    setCheck({ status: 'loading' })
    assessClaim(v.claim).then(
      (r) => {
        if (mine !== checkSeq.current) return
        if (!r.ok) {
          if (backToField(r.error)) setCheck({ status: 'idle' })
          else setCheck({ status: 'error', error: r.error })
          return
        }
        setCheck({ status: 'ok', reply: r.data, content })
        then?.(r.data)
      },
      () => mine === checkSeq.current && setCheck({ status: 'error', error: BAD_REPLY }),
    )
  }

  const next = () => {
    setProblem(null)
    if (step === 1) {
      if (!plan) return setErrors({ planId: '请选择申请哪个保障' })
      return goTo(2)
    }
    if (step === 2) {
      // what happened → the documents the server lists for it (and an early word if it cannot be paid)
      return assess(draft, false, (reply) => {
        if (!reply.eligible) return
        setDraft((d) => ({ ...d, docList: reply.documents.map(({ code, label }) => ({ code, label })), step: 3 }))
        setCheck({ status: 'idle' })
        toTop()
      })
    }
    if (step === 3) {
      const missing = missingDocErrors(draft.docList, draft.docs)
      if (Object.keys(missing).length) return setErrors(missing as FieldErrors)
      return goTo(4)
    }
    if (step === 4) {
      if (consents.bank_card !== 'granted') return setErrors({ bankCard: '请先看一看上面的说明，点“我同意”，再填银行卡号。' })
      const parsed = bankCardInput.safeParse(card)
      if (!parsed.success) return setErrors({ bankCard: parsed.error.issues[0]?.message ?? '银行卡号不对' })
      goTo(5)
      assess(draft, true)
    }
  }

  const submit = async () => {
    if (sending.current || uploading) return
    const raw = claimNow(draft, true)
    const parsedCard = bankCardInput.safeParse(card)
    if (!raw) return goTo(1)
    if (!parsedCard.success) return goTo(4)
    const fresh = check.status === 'ok' && check.content === canonicalJson(raw)
    if (!fresh || !check.reply.eligible || check.reply.missingDocuments.length) return assess(draft, true)
    const v = validateClaim(raw)
    if (!v.ok) return assess(draft, true)
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send
    askSubscribe()
    // what the key stands for: the claim, the note and the card (masked: the draft keeps the fingerprint)
    const send = keyFor(draft.send, { claim: raw, card: maskBankCard(parsedCard.data), note: draft.note.trim() })
    setDraft((d) => ({ ...d, send }))
    sending.current = true
    setBusy(true)
    setProblem(null)
    const r = await submitClaim(send.key, v.claim, parsedCard.data, draft.note).catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) {
      clear()
      void Taro.showToast({ title: '申请交上去了', icon: 'success' })
      void Taro.redirectTo({ url: `${AID_CLAIM_PAGE}?id=${encodeURIComponent(r.data.id)}` })
      return
    }
    if (!r || isTransient(r.error)) return setProblem({ text: keptOnPhone(r?.error, '提交申请') })
    const code = r.error.code
    if (code === 'REQUEST.KEY_CONFLICT') {
      setDraft((d) => ({ ...d, send: freshKey() }))
      return setProblem({ text: '你刚才已经交过一次了，可以在“我的申请”里看到。如果要按现在填的内容再交，请再点一次“提交申请”。', go: 'claims' })
    }
    const asked = consentAsked(r.error)
    if (asked) {
      lost(asked)
      goTo(asked === 'bank_card' ? 4 : 3)
      return setProblem({ text: errorText(r.error) })
    }
    if (code === 'MUTUAL_AID.NOT_ELIGIBLE' || code === 'MUTUAL_AID.DOCS_MISSING') {
      setProblem({ text: errorText(r.error) })
      return assess(draft, true)
    }
    if (backToField(r.error)) return
    setProblem({ text: errorText(r.error), go: code === 'MUTUAL_AID.CLAIM_OPEN' ? 'claims' : undefined })
  }

  const photosGoingUp = step === 3 && uploading
  return (
    <View>
      <WizardSteps step={step} titles={STEP_TITLES} />
      <View className='card'>
        {welcome && <Text className='notice'>上次填的内容还在，接着填就行。</Text>}

        {step === 1 && (
          <Choices
            label='申请哪个保障的补助？'
            options={plans.map((p) => ({ code: p.planId, label: p.name, sub: `${p.statusText} · ${fullDate(p.termStart)} 到 ${fullDate(p.termEnd)}` }))}
            value={draft.planId}
            onChange={(planId) => change({ planId, docList: [] }, ['planId'])}
            error={errors.planId}
          />
        )}
        {step === 1 && <ExplainTerms texts={plans.map((p) => p.statusText)} />}

        {step === 2 && plan && (
          <View>
            <PlanNote plan={plan} />
            <FactsFields plan={plan} facts={draft.facts} change={changeFacts} errors={errors} />
            {check.status === 'loading' && <Loading text='正在看能不能补助…' rows={1} />}
            {check.status === 'error' && <Trouble title='没能算出来' error={check.error} onRetry={next} />}
            {check.status === 'ok' && !check.reply.eligible && <NotPaid reply={check.reply} />}
          </View>
        )}

        {step === 3 && (
          <View>
            <Text className='aid-text'>按你填的情况，要交下面这些材料。只有办你这件事的工会工作人员能看到。</Text>
            <DocUploads
              documents={draft.docList}
              files={draft.docs}
              onChange={(code: DocKind, photos) => change({ docs: { ...draft.docs, [code]: photos } }, [code])}
              errors={errors}
              consent={consent}
              onBusy={setUploading}
              disabled={busy}
            />
          </View>
        )}

        {step === 4 && (
          <View>
            <Text className='aid-text'>补助批下来以后，钱打到这张卡上。请用你本人的银行卡。</Text>
            {draft.cardTyped && !card && <Text className='notice'>为了保护你的信息，银行卡号没有存在手机上，请再填一次。</Text>}
            <ConsentGate category='bank_card' task={AID_CONSENT_TASK} refuse={AID_CONSENT_REFUSE} state={consents.bank_card} onGranted={() => granted('bank_card')}>
              <TextField
                label='银行卡号'
                hint='对着卡一个数一个数地填。卡号加密保存，页面上只显示最后 4 位。'
                name='银行卡号'
                type='number'
                value={card}
                maxlength={23}
                onInput={(v) => {
                  setCard(v)
                  setErrors((e) => withoutErrors(e, ['bankCard']))
                  if (!draft.cardTyped) setDraft((d) => ({ ...d, cardTyped: true }))
                }}
                error={errors.bankCard}
              />
            </ConsentGate>
            {consents.bank_card !== 'granted' && <StationFieldError text={errors.bankCard} />}
          </View>
        )}

        {step === 5 && plan && (
          <View>
            <Summary plan={plan} draft={draft} card={card} onEdit={goTo} />
            <CheckResult check={check} onRetry={() => assess(draft, true)} onFixDocs={() => goTo(3)} />
            <NoteField label='想对工会说的话（可以不写）' name='想对工会说的话' value={draft.note} max={NOTE_MAX} onInput={(note) => change({ note }, ['note'])} error={errors.note} />
          </View>
        )}

        {problem && <Problem text={problem.text} action={problem.go === 'claims' ? { label: '看我的申请', onClick: () => Taro.redirectTo({ url: AID_CLAIMS_PAGE }) } : undefined} />}

        {step === 5 && check.status === 'ok' && check.reply.eligible && check.reply.missingDocuments.length === 0 && (
          <Button className='big-button gap' type='primary' block disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : '提交申请'}
          </Button>
        )}
        {step < 5 && (
          <Button className='big-button gap' type='primary' block disabled={check.status === 'loading' || photosGoingUp} onClick={next}>
            {photosGoingUp ? '照片上传中…' : check.status === 'loading' ? '正在看能不能补助…' : '下一步'}
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

/** Which plan, and how it pays, in the union's words. */
function PlanNote({ plan }: { plan: WizardPlan }) {
  return (
    <View className='aid-plan-note'>
      <Text className='aid-plan-note__name'>{plan.name}</Text>
      {plan.summary.map((line) => (
        <Text key={line} className='aid-plan-note__line'>
          · {line}
        </Text>
      ))}
      <ExplainTerms texts={plan.summary} />
    </View>
  )
}

/** Why nothing would be paid, in plain words, and what to do about it. */
function NotPaid({ reply }: { reply: AssessReply }) {
  return (
    <View>
      <View className='notice notice--bad aid-verdict' role='alert'>
        <Text className='aid-verdict__head'>按规定，这次不能补助：</Text>
        {reply.reasons.map((r) => (
          <Text key={r} className='aid-verdict__line'>
            · {r}
          </Text>
        ))}
        <Text className='aid-verdict__line'>如果日期或钱数填错了，改一改再点“下一步”。有疑问请打 12351。</Text>
      </View>
      <ExplainTerms texts={reply.reasons} />
    </View>
  )
}

/** What was filled in, with a way back to each step. */
function Summary({ plan, draft, card, onEdit }: { plan: WizardPlan; draft: ClaimDraft; card: string; onEdit(step: Step): void }) {
  const files = draft.docList.reduce((n, d) => n + (draft.docs[d.code]?.length ?? 0), 0)
  const groups: SummaryGroup<Step>[] = [
    { step: 1, lines: [plan.name] },
    { step: 2, lines: factLines(plan, draft.facts) },
    { step: 3, lines: [`交了 ${draft.docList.length} 种材料，一共 ${files} 张照片`] },
    { step: 4, lines: [`银行卡 ${maskBankCard(card)}`] },
  ]
  return <StepSummary groups={groups} onEdit={onEdit} />
}

/** The server's answer before sending: can it be paid, how much and how it is worked out, by when, what is missing. */
function CheckResult({ check, onRetry, onFixDocs }: { check: Check; onRetry(): void; onFixDocs(): void }) {
  if (check.status === 'idle') return null
  if (check.status === 'loading') return <Loading text='正在算能补助多少…' rows={2} />
  if (check.status === 'error') return <Trouble title='没能算出来' error={check.error} onRetry={onRetry} />
  const r = check.reply
  const missing = r.documents.filter((d) => r.missingDocuments.includes(d.code))
  return (
    <View className='aid-check' aria-live='polite'>
      {r.eligible ? (
        <View className='notice notice--ok aid-verdict'>
          <Text className='aid-verdict__head'>✅ 按你填的，可以补助</Text>
          <Text className='aid-payout'>能补助 {yuan(r.payoutFen)}</Text>
        </View>
      ) : (
        <NotPaid reply={r} />
      )}
      <Arithmetic steps={r.steps} />
      {r.coverageText && <Text className='aid-text'>{r.coverageText}</Text>}
      <Text className={`due${r.window.warn || !r.window.open ? ' due--late' : ''}`}>
        ⏰ {r.window.text}
        {r.window.warn ? '。快到期了，请抓紧提交。' : ''}
      </Text>
      {missing.length > 0 && (
        <View className='notice notice--bad' role='alert'>
          <Text className='aid-verdict__head'>还缺这些材料：</Text>
          {missing.map((d) => (
            <Text key={d.code} className='aid-verdict__line'>
              · {d.label}
            </Text>
          ))}
          <Button className='big-button gap' block onClick={onFixDocs}>
            回去上传
          </Button>
        </View>
      )}
      {r.eligible && <Text className='aid-text muted'>最后补助多少，由工会核对材料后决定；批下来以后打到你的银行卡上。</Text>}
    </View>
  )
}
