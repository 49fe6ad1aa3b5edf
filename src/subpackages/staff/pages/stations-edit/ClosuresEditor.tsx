import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import StationFieldError from '../../../../components/StationFieldError'
import type { ClosureForm } from './form'

const MAX = 20

interface Props {
  closures: ClosureForm[]
  onChange: (closures: ClosureForm[]) => void
  errorAt: (path: string) => string | undefined
}

/** Temporary closures (装修, 停电 …): from, to and a short note, in China time. */
export default function ClosuresEditor({ closures, onChange, errorAt }: Props) {
  const set = (i: number, patch: Partial<ClosureForm>) => onChange(closures.map((c, k) => (k === i ? { ...c, ...patch } : c)))
  return (
    <View className={`field${errorAt('station.closures') ? ' field--bad' : ''}`} id='field-closures'>
      <Text className='field-label'>临时关闭（可以不填）</Text>
      <Text className='field-hint'>比如装修、停电。时间写成 2026-12-01 08:00 这样。</Text>
      {closures.map((c, i) => (
        <View key={i} className='closure'>
          <Text className='closure__title'>第 {i + 1} 条</Text>
          <Input className='field-input' value={c.from} placeholder='从 2026-12-01 08:00' aria-label={`第${i + 1}条从什么时候`} onInput={(e) => set(i, { from: String(e.detail.value) })} />
          <StationFieldError text={errorAt(`station.closures.${i}.from`)} />
          <Input className='field-input' value={c.to} placeholder='到 2026-12-02 18:00' aria-label={`第${i + 1}条到什么时候`} onInput={(e) => set(i, { to: String(e.detail.value) })} />
          <StationFieldError text={errorAt(`station.closures.${i}.to`)} />
          <Input className='field-input' value={c.note} maxlength={50} placeholder='说明，比如：装修' aria-label={`第${i + 1}条说明`} onInput={(e) => set(i, { note: String(e.detail.value) })} />
          <StationFieldError text={errorAt(`station.closures.${i}.note`) ?? errorAt(`station.closures.${i}`)} />
          <Button className='staff-action' onClick={() => onChange(closures.filter((_, k) => k !== i))}>
            删掉这一条
          </Button>
        </View>
      ))}
      {closures.length < MAX && (
        <Button className='staff-action closure__add' onClick={() => onChange([...closures, { from: '', to: '', note: '' }])}>
          ＋ 加一条临时关闭
        </Button>
      )}
      <StationFieldError text={errorAt('station.closures')} />
    </View>
  )
}
