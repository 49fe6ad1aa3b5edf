// The questions of the request wizard's steps 1–5.
import { Text, View } from '@tarojs/components'
import { Choices, Field, TextField } from '../../../../components/Field'
import DateField from '../../../../components/DateField'
import LongText from '../../../../components/LongText'
import StationFieldError from '../../../../components/StationFieldError'
import type { FieldErrors } from '../../../../domain/envelope'
import {
  ADDRESS_MAX,
  CONTACT_MAX,
  DEMANDS,
  DISPUTE_TYPES,
  EMPLOYER_NAME_MAX,
  FACTS_MAX,
  FACTS_MIN,
  HARDSHIPS,
  type Demand,
  type DisputeType,
  type Hardship,
} from '../../../../domain/legal-aid/legal-aid.constants'
import { creditCode } from '../../../../domain/legal-aid/legal-aid.schema'
import { normaliseCreditCode } from '../../../../domain/legal-aid/credit-code'
import { errorFor } from '../../../../services/forms'
import { asksAmount, asksHardship, asksIncome, DATE_QUESTIONS, dateRequired, datesAsked, USUAL_DEMAND, type EmployerForm, type LegalForm } from './requestForm'

export interface StepProps {
  form: LegalForm
  change(patch: Partial<LegalForm>, fields: string[]): void
  errors: FieldErrors
}

/** What is usually wanted for a kind of trouble, unless the worker chose something else already. */
function wantsFor(type: DisputeType, f: LegalForm): Demand[] {
  const before = f.disputeType ? USUAL_DEMAND[f.disputeType] : null
  const untouched = f.wants.length === 0 || (f.wants.length === 1 && f.wants[0] === before)
  if (!untouched) return f.wants
  const usual = USUAL_DEMAND[type]
  return usual ? [usual] : []
}

/** Step 1: the kind of trouble, as big picture buttons. */
export function TroubleStep({ form, change, errors }: StepProps) {
  return (
    <View>
      <Text className='legal-text'>点一下和你的事最像的那个。说不清也没关系，选“其他”。</Text>
      <View className='legal-types' role='radiogroup' aria-label='遇到了什么事'>
        {DISPUTE_TYPES.map((t) => {
          const on = form.disputeType === t.code
          return (
            <View
              key={t.code}
              className={`legal-type${on ? ' legal-type--on' : ''}`}
              role='radio'
              aria-checked={on}
              aria-label={`${t.label}：${t.intro}`}
              onClick={() => change({ disputeType: t.code, wants: wantsFor(t.code, form) }, ['disputeType'])}
            >
              <Text className='legal-type__emoji' aria-hidden>
                {t.emoji}
              </Text>
              <Text className='legal-type__label'>
                {on ? '✓ ' : ''}
                {t.label}
              </Text>
              <Text className='legal-type__intro'>{t.intro}</Text>
            </View>
          )
        })}
      </View>
      <StationFieldError text={errors.disputeType} />
    </View>
  )
}

/** Step 2: the employer. The credit code is checked as soon as all 18 characters are there. */
export function EmployerStep({ form, change, errors }: StepProps) {
  const e = form.employer
  const set = (key: keyof EmployerForm) => (value: string) => change({ employer: { ...e, [key]: value } }, [`employer.${key}`])
  const code = normaliseCreditCode(e.creditCode)
  const codeCheck = code.length === 18 ? creditCode.safeParse(code) : null
  const codeError = errors['employer.creditCode'] ?? (codeCheck && !codeCheck.success ? codeCheck.error.issues[0]?.message : undefined)
  return (
    <View>
      <Text className='legal-text'>工会只在帮你的时候用这些，不会告诉单位是你来求助的。</Text>
      <TextField
        label='单位叫什么名字？'
        hint='看工牌、合同、工资条或营业执照上的全称。不知道全称，就写平时叫的名字。'
        name='单位名称'
        value={e.name}
        maxlength={EMPLOYER_NAME_MAX}
        onInput={set('name')}
        error={errorFor(errors, 'employer.name')}
      />
      <TextField
        label='单位在哪里？'
        hint='城市、区、街道，知道多少写多少。在工地干活就写工地在哪里。'
        name='单位地址'
        value={e.address}
        maxlength={ADDRESS_MAX}
        onInput={set('address')}
        error={errorFor(errors, 'employer.address')}
      />
      <TextField
        label='统一社会信用代码（不知道可以不填）'
        hint='营业执照上 18 位的号码，有数字也有字母。'
        name='统一社会信用代码'
        value={e.creditCode}
        maxlength={30}
        onInput={set('creditCode')}
        error={codeError}
      />
      {codeCheck?.success && <Text className='legal-ok'>✅ 代码核对过了，没有写错</Text>}
      <TextField
        label='老板或负责人的名字、电话（可以不填）'
        hint='只给工会看。'
        name='老板或负责人'
        value={e.contact}
        maxlength={CONTACT_MAX}
        onInput={set('contact')}
        error={errorFor(errors, 'employer.contact')}
      />
    </View>
  )
}

const STILL_THERE = [
  { code: 'yes', label: '还在这里干' },
  { code: 'no', label: '已经不在这里干了', sub: '被辞退、合同到期或者自己走了' },
] as const

/** Step 3: the key dates this kind of trouble needs (they decide the last day to apply for arbitration). */
export function DatesStep({ form, change, errors }: StepProps) {
  const still = form.stillEmployed
  const setDate = (key: keyof LegalForm['dates'], value: string) => change({ dates: { ...form.dates, [key]: value } }, [`dates.${key}`])
  return (
    <View>
      <Text className='legal-text'>这几个日子用来算申请劳动仲裁的期限。记不清就选个大概的日子。</Text>
      <Choices
        label='现在还在这个单位干活吗？'
        options={STILL_THERE}
        value={still === null ? '' : still ? 'yes' : 'no'}
        onChange={(c) => {
          const stillEmployed = c === 'yes'
          // still there: no leaving day (a past one would contradict it)
          change({ stillEmployed, dates: stillEmployed ? { ...form.dates, terminationDate: '' } : form.dates }, ['stillEmployed', 'dates.terminationDate'])
        }}
        error={errors.stillEmployed}
      />
      {datesAsked(form.disputeType, still).map((key) => {
        const q = DATE_QUESTIONS[key]
        const required = dateRequired(key, form.disputeType, still)
        return (
          <DateField
            key={key}
            label={required ? q.label : `${q.label}（可以不填）`}
            hint={q.hint}
            value={form.dates[key]}
            onChange={(v) => setDate(key, v)}
            onClear={required ? undefined : () => setDate(key, '')}
            error={errors[`dates.${key}`]}
          />
        )
      })}
    </View>
  )
}

const YES_NO = [
  { code: 'yes', label: '是' },
  { code: 'no', label: '不是' },
] as const
const NO_HARDSHIP = { code: 'none', label: '没有' } as const
const HARDSHIP_OPTIONS = [NO_HARDSHIP, ...HARDSHIPS]

/** Step 4: what the worker wants, how much, how many people, and what decides free legal aid. */
export function WantsStep({ form, change, errors }: StepProps) {
  const toggle = (code: Demand) => {
    const wants = form.wants.includes(code) ? form.wants.filter((w) => w !== code) : [...form.wants, code]
    change({ wants }, ['wants', 'amount'])
  }
  return (
    <View>
      <Field label='想让工会帮你做什么？' hint='可以选好几个。' error={errorFor(errors, 'wants')}>
        <View className='chip-row' role='group' aria-label='想让工会帮你做什么'>
          {DEMANDS.map((d) => {
            const on = form.wants.includes(d.code)
            return (
              <View key={d.code} className={`chip${on ? ' chip--on' : ''}`} role='checkbox' aria-checked={on} onClick={() => toggle(d.code)}>
                {on && (
                  <Text className='chip__check' aria-hidden>
                    ✓
                  </Text>
                )}
                <Text>{d.label}</Text>
              </View>
            )
          })}
        </View>
      </Field>
      {asksAmount(form) && (
        <TextField
          label='一共要讨多少钱？（元）'
          hint='工资、补偿加在一起；好几个工友一起的，把大家的加在一起。记不清就写个大概，比如 12000。'
          name='要讨的钱'
          type='digit'
          value={form.amount}
          maxlength={16}
          onInput={(amount) => change({ amount }, ['amount'])}
          error={errors.amount}
        />
      )}
      <TextField
        label='一共有几个人遇到这件事？（算上你自己）'
        hint='只有你自己就填 1。人多的事，工会优先办。'
        name='人数'
        type='number'
        value={form.workersAffected}
        maxlength={5}
        onInput={(workersAffected) => change({ workersAffected }, ['workersAffected'])}
        error={errors.workersAffected}
      />
      <Choices
        label='你是农民工吗？'
        hint='户口在农村，出来打工的，就是农民工。农民工讨工资、要工伤赔偿，不用证明家里困难。'
        options={YES_NO}
        value={form.migrant === null ? '' : form.migrant ? 'yes' : 'no'}
        onChange={(c) => change({ migrant: c === 'yes' }, ['migrant', 'hardship'])}
        error={errors.migrant}
        chips
      />
      {asksIncome(form) && <IncomeField form={form} change={change} errors={errors} />}
      {asksHardship(form) && (
        <Choices
          label='家里最近有没有遇到下面这样的大困难？'
          hint='有的话，工会可以免费请律师帮你。'
          options={HARDSHIP_OPTIONS}
          value={form.hardship ?? NO_HARDSHIP.code}
          onChange={(c) => change({ hardship: c === NO_HARDSHIP.code ? null : (c as Hardship) }, ['hardship'])}
          error={errors.hardship}
        />
      )}
    </View>
  )
}

/** 家里每人每月收入: asked once the check says it decides whether the union pays a lawyer. */
export function IncomeField({ form, change, errors }: StepProps) {
  return (
    <TextField
      label='家里每个人每个月平均有多少收入？（元）'
      hint='把全家一个月的收入加起来，除以家里的人数，大概就行。'
      name='家里每人每月收入'
      type='digit'
      value={form.income}
      maxlength={12}
      onInput={(income) => change({ income }, ['householdIncomePerPerson'])}
      error={errors.householdIncomePerPerson}
    />
  )
}

/** Step 5: what happened in the worker's own words (the evidence photos come under it). */
export function FactsField({ form, change, errors }: StepProps) {
  return (
    <LongText
      label='把事情经过说一说'
      hint='用自己的话写：在哪干活、干了多久、出了什么事、找过老板没有、老板怎么说。慢慢写，不着急，写一点就自动保存一点。不会打字，可以点键盘上的话筒🎤，说话就能变成字。'
      name='事情经过'
      value={form.facts}
      max={FACTS_MAX}
      min={FACTS_MIN}
      autoHeight
      boxClass='legal-facts'
      voiceTip={false}
      onInput={(facts) => change({ facts }, ['facts'])}
      error={errors.facts}
    />
  )
}
