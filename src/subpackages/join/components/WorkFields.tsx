import { Input, View } from '@tarojs/components'
import type { FieldErrors } from '../../../domain/envelope'
import {
  EMPLOYMENT_TYPES,
  OCCUPATION_MAX,
  OCCUPATION_SUGGESTIONS,
  PLATFORMS,
  REMOTE_UNIONS,
  WORK_PLACES,
} from '../../../domain/membership/membership.constants'
import { asksWhichUnion, type WorkForm } from '../form'
import EmployerPicker from './EmployerPicker'
import { asOptions, Choices, TextField } from '../../../components/Field'

const OCCUPATION_OPTIONS = asOptions(OCCUPATION_SUGGESTIONS)

export interface WorkFieldsProps {
  form: WorkForm
  /** Changes the form and clears the errors of `fields`. */
  change(patch: Partial<WorkForm>, fields: string[]): void
  errors: FieldErrors
}

/** 在哪里干活: the place (Shanghai asks which union, elsewhere the city), then the employer. */
export function PlaceFields({ form, change, errors }: WorkFieldsProps) {
  return (
    <View>
      <Choices
        label='在哪里干活？'
        options={WORK_PLACES}
        value={form.workPlace}
        onChange={(workPlace) => change({ workPlace }, ['workPlace', 'remoteUnion', 'workCity', 'employer'])}
        error={errors.workPlace}
      />
      {asksWhichUnion(form.workPlace) && (
        <Choices
          label='想由哪里的工会办理？'
          hint='两个都可以。上海服务站离你近，有事方便见面；老家的工会也能办，不用回来跑腿。'
          options={REMOTE_UNIONS}
          value={form.remoteUnion}
          onChange={(remoteUnion) => change({ remoteUnion }, ['remoteUnion'])}
          error={errors.remoteUnion}
        />
      )}
      {form.workPlace === 'elsewhere' && (
        <TextField label='在哪个城市？' hint='比如：杭州、温州。' name='城市' value={form.workCity} maxlength={20} onInput={(workCity) => change({ workCity }, ['workCity'])} error={errors.workCity} />
      )}
      <EmployerPicker value={form.employer} workPlace={form.workPlace} onChange={(employer) => change({ employer }, ['employer'])} errors={errors} />
    </View>
  )
}

/** 怎么干活: the kind of work (platform workers say which platform) and the job. */
export function JobFields({ form, change, errors }: WorkFieldsProps) {
  return (
    <View>
      <Choices
        label='是哪一种用工？'
        options={EMPLOYMENT_TYPES}
        value={form.employmentType}
        onChange={(employmentType) => change({ employmentType }, ['employmentType', 'platform'])}
        error={errors.employmentType}
      />
      {form.employmentType === 'new_forms' && (
        <Choices label='在哪个平台接单？' options={PLATFORMS} value={form.platform} onChange={(platform) => change({ platform }, ['platform'])} chips error={errors.platform} />
      )}
      <Choices
        label='做什么工作？'
        hint='点一个，或者在下面自己写。'
        options={OCCUPATION_OPTIONS}
        value={form.occupation.trim()}
        onChange={(occupation) => change({ occupation }, ['occupation'])}
        chips
        error={errors.occupation}
      >
        <Input
          className='field-input'
          value={form.occupation}
          maxlength={OCCUPATION_MAX}
          placeholder='比如：电焊工'
          aria-label='做什么工作'
          onInput={(e) => change({ occupation: String(e.detail.value) }, ['occupation'])}
        />
      </Choices>
    </View>
  )
}
