import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../components/ErrorBox'
import Loading from '../../../components/Loading'
import StationFieldError from '../../../components/StationFieldError'
import type { AppError, FieldErrors } from '../../../domain/envelope'
import type { EmployerOption } from '../../../domain/membership/membership.schema'
import { ADDRESS_MAX, DISTRICTS, EMPLOYER_NAME_MAX } from '../../../domain/membership/membership.constants'
import { findEmployers } from '../../../services/membership'
import { asksDistrict, errorFor, type EmployerChoice, type WorkForm } from '../form'
import { asOptions, Choices, TextField } from '../../../components/Field'

const SEARCH_DELAY_MS = 300
const DISTRICT_OPTIONS = asOptions(DISTRICTS)

type Found = { status: 'loading' } | { status: 'ok'; q: string; employers: EmployerOption[] } | { status: 'error'; error: AppError }

const unionLine = (unionName: string | null) => (unionName ? `工会：${unionName}` : '还没有工会')

interface Props {
  value: EmployerChoice
  onChange(value: EmployerChoice): void
  workPlace: WorkForm['workPlace']
  errors: FieldErrors
}

/** 在哪个单位: search the employers the union knows (each with its union or 还没有工会), or type one in. */
export default function EmployerPicker({ value, onChange, workPlace, errors }: Props) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Found>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const seq = useRef(0)
  const searching = value === null

  useEffect(() => {
    if (!searching) return
    const mine = ++seq.current
    setFound({ status: 'loading' })
    const timer = setTimeout(() => {
      findEmployers(q).then(
        (r) => mine === seq.current && setFound(r.ok ? { status: 'ok', q, employers: r.data.employers } : { status: 'error', error: r.error }),
        () => mine === seq.current && setFound({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } }),
      )
    }, SEARCH_DELAY_MS)
    return () => {
      clearTimeout(timer)
      seq.current++
    }
  }, [q, searching, attempt])

  if (value?.kind === 'known') {
    return (
      <View className='field'>
        <Text className='field-label'>在哪个单位干活？</Text>
        <View className='picked' aria-label={`选好的单位：${value.name}`}>
          <Text className='picked__name'>✓ {value.name}</Text>
          {value.unionName !== undefined && <Text className='picked__union'>{unionLine(value.unionName)}</Text>}
        </View>
        <Button className='big-button gap' block onClick={() => onChange(null)}>
          换一个单位
        </Button>
        <StationFieldError text={errorFor(errors, 'employer')} />
      </View>
    )
  }

  if (value?.kind === 'other') {
    const set = (patch: Partial<typeof value>) => onChange({ ...value, ...patch })
    return (
      <View>
        <TextField
          label='单位叫什么名字？'
          hint='写全称最好，比如：广丰区某某建材有限公司。跑外卖、快递的，写你所在的站点，比如：美团外卖丰溪站。'
          name='单位名称'
          value={value.name}
          maxlength={EMPLOYER_NAME_MAX}
          onInput={(name) => set({ name })}
          error={errors['employer.name']}
        />
        {asksDistrict(workPlace) && (
          <Choices
            label='单位在哪个乡镇或街道？'
            options={DISTRICT_OPTIONS}
            value={value.district}
            onChange={(district) => set({ district })}
            chips
            error={errors['employer.district']}
          />
        )}
        <TextField
          label='单位的地址（可以不填）'
          hint='比如：丰溪路 88 号。'
          name='单位地址'
          value={value.address}
          maxlength={ADDRESS_MAX}
          onInput={(address) => set({ address })}
          error={errors['employer.address']}
        />
        <View className='text-link' role='button' onClick={() => onChange(null)}>
          <Text>回到列表里找单位</Text>
        </View>
      </View>
    )
  }

  return (
    <View className={`field${errorFor(errors, 'employer') ? ' field--bad' : ''}`}>
      <Text className='field-label'>在哪个单位干活？</Text>
      <Text className='field-hint'>输入单位名字里的几个字，在下面点一下你的单位。</Text>
      <Input className='field-input' value={q} maxlength={20} placeholder='比如：建材' aria-label='搜单位名字' onInput={(e) => setQ(String(e.detail.value))} />
      <StationFieldError text={errorFor(errors, 'employer')} />
      {found.status === 'loading' && <Loading text='正在找单位…' rows={1} />}
      {found.status === 'error' && <ErrorBox title='没能读到单位名单' error={found.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {found.status === 'ok' && (
        <View className='choices' role='radiogroup' aria-label='单位名单'>
          {found.employers.length === 0 && <Text className='field-hint'>{found.q ? `没有找到名字里有“${found.q}”的单位。` : '名单里还没有单位。'}</Text>}
          {found.employers.map((e) => (
            <View
              key={e.id}
              className='choice choice--employer'
              role='radio'
              aria-checked={false}
              aria-label={e.name}
              onClick={() => onChange({ kind: 'known', employerId: e.id, name: e.name, district: e.district, unionName: e.unionName })}
            >
              <Text className='choice__label'>{e.name}</Text>
              <Text className='choice__sub'>
                {e.district ? `${e.district} · ` : ''}
                {unionLine(e.unionName)}
              </Text>
            </View>
          ))}
        </View>
      )}
      <View className='choice choice--other' role='button' onClick={() => onChange({ kind: 'other', name: q.trim(), district: '', address: '' })}>
        <Text className='choice__label'>✏️ 列表里没有，我自己填</Text>
      </View>
    </View>
  )
}
