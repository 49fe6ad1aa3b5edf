import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { shanghaiDate } from '../../../domain/calendar/working-days'
import type { Envelope } from '../../../domain/envelope'
import { errorText } from '../../../services/errors'
import { saveXlsx } from '../saveXlsx'
import { useSubmit } from '../useSubmit'
import Alert from './Alert'
import Tabs from './Tabs'

type Xlsx = Envelope<{ fileName: string; contentBase64: string; rows: number }>

interface Props {
  /** The xlsx from the server (an audited export). */
  fetch: () => Promise<Xlsx>
  /** 已导出 2 名会员。 */
  doneText: (rows: number) => string
  /** Choices above the button (a year). */
  children?: ReactNode
  /** What the sheet hides (default: the ID numbers). */
  masked?: string
}

/** 导出表格: weapp opens the file (its menu sends or saves it), h5 downloads it. */
export default function ExportCard({ fetch, doneText, children, masked = '表格里身份证号只显示前后几位。' }: Props) {
  const { busy, run } = useSubmit()
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<number | null>(null)
  const go = async () => {
    setError(null)
    setDone(null)
    const r = await run(fetch)
    if (!r) return
    if (!r.ok) {
      setError(errorText(r.error))
      return
    }
    try {
      await saveXlsx(r.data.fileName, r.data.contentBase64)
      setDone(r.data.rows)
    } catch {
      setError('表格已经生成，但没能打开。请再点一次“导出表格”。')
    }
  }
  return (
    <View className='card'>
      {children}
      <Button className='big-button' block disabled={busy} onClick={go}>
        {busy ? '正在生成表格…' : '📄 导出表格'}
      </Button>
      <Text className='staff-note'>{masked}谁在什么时候导出了表格，会被记录下来。请不要转发到群里。</Text>
      {done !== null && (
        <View className='notice notice--ok' role='status'>
          <Text>
            {doneText(done)}
            {process.env.TARO_ENV === 'h5' ? '表格已经下载。' : '在打开的表格右上角可以转发或保存。'}
          </Text>
        </View>
      )}
      {error && <Alert text={error} />}
    </View>
  )
}

/** 导出表格 of one year (this year and the two before) or of all years (`fetch(undefined)`). */
export function YearExportCard({ fetch, intro, ...card }: Omit<Props, 'fetch' | 'children'> & { fetch: (year: number | undefined) => Promise<Xlsx>; intro: string }) {
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4))
  const [year, setYear] = useState<number>(thisYear)
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))
  return (
    <View>
      <Text className='section-title'>导出表格</Text>
      <ExportCard {...card} fetch={() => fetch(year || undefined)}>
        <Text className='staff-para'>{intro}</Text>
        <Tabs tabs={[...years, { value: 0, label: '全部年份' }]} value={year} onChange={setYear} />
      </ExportCard>
    </View>
  )
}
