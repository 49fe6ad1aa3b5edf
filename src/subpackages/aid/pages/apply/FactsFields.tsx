import { Text, View } from '@tarojs/components'
import { Choices, TextField } from '../../../../components/Field'
import type { FieldErrors } from '../../../../domain/envelope'
import { ACCIDENT_BENEFITS, DISABILITY_GRADES, EVENT_CAUSES, FEMALE_CLASSES, FEMALE_CLASS_LABELS } from '../../../../domain/mutual-aid/mutual-aid.constants'
import DateField from '../../components/DateField'
import type { Facts, WizardPlan } from './claimForm'

interface Props {
  plan: WizardPlan
  facts: Facts
  change(patch: Partial<Facts>, fields: string[]): void
  errors: FieldErrors
}

const GRADES = DISABILITY_GRADES.map((g) => ({ code: String(g), label: `${g} 级` }))

/** Only what this plan needs to know about what happened. */
export default function FactsFields({ plan, facts: f, change, errors }: Props) {
  const date = (key: 'eventDate' | 'admissionDate' | 'dischargeDate', label: string, hint?: string) => (
    <DateField label={label} hint={hint} value={f[key]} onChange={(v) => change({ [key]: v }, [key])} error={errors[key]} />
  )

  if (plan.kind === 'inpatient') {
    return (
      <View>
        {date('eventDate', '哪天住进医院的？', '入院日期，看出院小结或住院发票。')}
        {date('dischargeDate', '哪天出院的？')}
        <Choices label='住院是因为生病，还是意外受伤？' options={EVENT_CAUSES} value={f.cause} onChange={(cause) => change({ cause }, ['cause'])} error={errors.cause} />
        <TextField
          label='这次住院，自己付了多少钱？（元）'
          hint='看医保结算单上“个人自付”那一栏，照着写，比如 9200 或 9200.50。能补助多少由系统按规定算，不用你算。'
          name='自付金额'
          type='digit'
          value={f.selfPaid}
          maxlength={16}
          onInput={(selfPaid) => change({ selfPaid }, ['selfPaid'])}
          error={errors.selfPaid}
        />
      </View>
    )
  }

  if (plan.kind === 'critical_illness') {
    const diseases = plan.diseases ?? []
    return (
      <View>
        {date('eventDate', '哪天确诊的？', '医院第一次诊断出这个病的日期，看诊断证明上的日期。')}
        {diseases.length > 0 ? (
          <Choices label='确诊的是什么病？' hint='只有清单里的病才能申请。' options={diseases} value={f.disease} onChange={(disease) => change({ disease }, ['disease'])} error={errors.disease} />
        ) : (
          <View className='notice notice--bad' role='alert'>
            <Text>没读到这个保障的疾病清单，现在没法在网上选。请稍后再试，或者打 12351 问一问。</Text>
          </View>
        )}
      </View>
    )
  }

  if (plan.kind === 'accident') {
    return (
      <View>
        {date('eventDate', '哪天出的事？', '受伤那天的日期。')}
        <Choices label='申请哪一种补助？' options={ACCIDENT_BENEFITS} value={f.benefit} onChange={(benefit) => change({ benefit }, ['benefit', 'admissionDate', 'dischargeDate', 'grade'])} error={errors.benefit} />
        {f.benefit === 'allowance' && (
          <View>
            {date('admissionDate', '哪天住进医院的？')}
            {date('dischargeDate', '哪天出院的？')}
          </View>
        )}
        {f.benefit === 'disability' && (
          <Choices label='伤残等级' hint='看伤残鉴定书上写的等级。1 级最重，10 级最轻。' chips options={GRADES} value={f.grade} onChange={(grade) => change({ grade }, ['grade'])} error={errors.grade} />
        )}
      </View>
    )
  }

  const classes = FEMALE_CLASSES.map((c) => ({ code: c, label: FEMALE_CLASS_LABELS[c], sub: plan.classDiseases?.[c] }))
  return (
    <View>
      {date('eventDate', '哪天确诊的？', '看诊断证明或病理报告上的日期。')}
      <Choices label='确诊的病属于哪一类？' hint='不清楚的话，看上面的说明，或者问一问医生。' options={classes} value={f.femaleClass} onChange={(femaleClass) => change({ femaleClass }, ['femaleClass'])} error={errors.femaleClass} />
    </View>
  )
}
