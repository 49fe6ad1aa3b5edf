import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { shanghaiDate } from '../../../../domain/calendar/working-days'
import { FIGURE_LINES, type HandlingFigure, type YearFigures } from '../../../../domain/workspace/figures.rules'
import type { FiguresReply, OrgFigures, ReconcileReply } from '../../../../domain/workspace/workspace.api'
import { listOrgs } from '../../../../services/admin'
import { errorText } from '../../../../services/errors'
import type { Me } from '../../../../services/session'
import { withQuery } from '../../../../services/stations'
import { exportFigures, reconcileFigures, STAFF_FIGURE_RECORDS_PAGE, yearFigures } from '../../../../services/workspace'
import Alert from '../../components/Alert'
import ExportCard from '../../components/ExportCard'
import { figureText, grouped, type FigureLine } from '../../components/FigureFormat'
import OrgPicker from '../../components/OrgPicker'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { chinaTime } from '../../format'
import { useReply } from '../../useReply'
import { useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

/** The federation's staff and the admin choose any org and check the counters again. */
const isWide = (me: Me) => me.role === 'federation_staff' || me.role === 'admin'

/** What a child org's row shows before it is opened. */
const MAIN_KEYS: ReadonlyArray<FigureLine['key']> = ['membersRecruited', 'membersTotal', 'legalAccepted', 'aidPaidFen']
const MAIN_LINES = FIGURE_LINES.filter((l) => MAIN_KEYS.includes(l.key))

function Lines({ reply, onOpen }: { reply: FiguresReply; onOpen: (line: FigureLine) => void }) {
  const withChildren = reply.children.length > 0
  return (
    <View className='card' role='list' aria-label={`${reply.year} 年的数据`}>
      {FIGURE_LINES.map((line) => {
        const text = figureText(line, reply.org.figures)
        const own = figureText(line, reply.own)
        return (
          <View key={line.key} className='figure-line' role='listitem' aria-label={`${line.label}：${text}`} onClick={() => onOpen(line)}>
            <View className='figure-line__body'>
              <Text className='figure-line__label'>{line.label}</Text>
              <Text className='figure-line__value'>{text}</Text>
              {withChildren && own !== text && <Text className='figure-line__own'>其中本级 {own}</Text>}
            </View>
            <Text className='link__arrow' aria-hidden>
              ›
            </Text>
          </View>
        )
      })}
      <Text className='staff-note'>点一行，可以看这个数是由哪些记录算出来的。</Text>
    </View>
  )
}

const handlingText = (h: HandlingFigure) =>
  h.handled === 0 || h.averageDays === null || h.inTimePercent === null ? '这一年还没有办结的' : `办结 ${grouped(h.handled)} 件，平均 ${h.averageDays} 天，按期 ${h.inTimePercent}%`

function Handling({ figures }: { figures: YearFigures }) {
  return (
    <View>
      <Text className='section-title'>办理时效</Text>
      <View className='card' role='list' aria-label='办理时效'>
        {figures.handling.map((h) => (
          <View key={h.type} className='figure-handle' role='listitem' aria-label={h.label}>
            <Text className='figure-handle__label'>{h.label}</Text>
            <Text className='figure-handle__text'>{handlingText(h)}</Text>
          </View>
        ))}
        <Text className='staff-note'>平均：从职工交来到工会第一次作决定，平均隔了几天。按期：在办理时限内作决定的，占百分之几。</Text>
      </View>
    </View>
  )
}

function Children({ orgs, onPick }: { orgs: OrgFigures[]; onPick: ((orgId: string) => void) | null }) {
  const [open, setOpen] = useState(false)
  if (orgs.length === 0) return null
  return (
    <View>
      <View className='card figure-fold' role='button' aria-expanded={open} onClick={() => setOpen(!open)}>
        <Text className='figure-fold__title'>下级工会（{orgs.length} 个）</Text>
        <Text className='figure-fold__mark'>{open ? '收起 ▴' : '展开 ▾'}</Text>
      </View>
      {open && (
        <View role='list' aria-label='下级工会'>
          {orgs.map((c) => (
            <View key={c.orgId} className='card figure-child' role='listitem' aria-label={c.orgName}>
              <Text className='figure-child__name'>{c.orgName}</Text>
              {MAIN_LINES.map((line) => (
                <Text key={line.key} className='figure-child__line'>
                  {line.label}：{figureText(line, c.figures)}
                </Text>
              ))}
              {onPick && (
                <View className='text-link' role='button' aria-label={`看${c.orgName}的全部数据`} onClick={() => onPick(c.orgId)}>
                  <Text>看这个工会的全部数据</Text>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

const lastCheckText = (c: FiguresReply['lastCheck']) =>
  c === null ? '还没有核对过。' : `上次核对：${chinaTime(c.at)}，${c.differences === 0 ? '全部一致' : `有 ${grouped(c.differences)} 处不一致`}`

function reconcileText(r: ReconcileReply): string {
  const head = `刚才核对完了：查了 ${grouped(r.records)} 条记录，`
  const n = r.differences.length
  if (n === 0) return `${head}数字全部一致。`
  return `${head}有 ${grouped(n)} 处数字和记录对不上，${r.repaired ? '已经按记录改好了。' : '还没有改过来。请联系负责小程序的技术人员。'}`
}

function Check({ last, canCheck, onChecked }: { last: FiguresReply['lastCheck']; canCheck: boolean; onChecked: () => void }) {
  const { busy, run } = useSubmit()
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const check = async () => {
    setResult(null)
    const r = await run(reconcileFigures)
    if (!r) return
    if (!r.ok) {
      setResult({ ok: false, text: errorText(r.error) })
      return
    }
    setResult({ ok: true, text: reconcileText(r.data) })
    onChecked()
  }
  return (
    <View className='card'>
      <Text className='staff-card-title'>数字对不对</Text>
      <Text className='staff-para'>{lastCheckText(last)}</Text>
      {canCheck && (
        <View>
          <Text className='staff-note'>重新核对：把所有记录从头数一遍，看和上面的数字对不对得上。要等一会儿。</Text>
          <Button className='big-button staff-gap' block disabled={busy} onClick={check}>
            {busy ? '正在核对…' : '重新核对'}
          </Button>
        </View>
      )}
      {result?.ok && (
        <View className='notice notice--ok' role='status'>
          <Text>{result.text}</Text>
        </View>
      )}
      {result && !result.ok && <Alert text={result.text} />}
    </View>
  )
}

function OrgChoice({ name, value, onPick }: { name: string; value: string; onPick: (orgId: string) => void }) {
  const orgs = useReply(listOrgs, { auto: false })
  const [choosing, setChoosing] = useState(false)
  const start = () => {
    if (orgs.state.status !== 'ok') orgs.reload()
    setChoosing(true)
  }
  return (
    <View className='card'>
      <View className='figure-org'>
        <Text className='figure-org__label'>工会</Text>
        <Text className='figure-org__name'>{name}</Text>
      </View>
      {choosing ? (
        <OrgPicker
          orgs={orgs}
          label='看哪个工会的数据'
          value={value}
          onChange={(orgId) => {
            setChoosing(false)
            onPick(orgId)
          }}
        />
      ) : (
        <Button className='staff-action' onClick={start}>
          换一个工会
        </Button>
      )}
    </View>
  )
}

function Figures({ me }: { me: Me }) {
  const wide = isWide(me)
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [orgId, setOrgId] = useState('')
  const { state, reload } = useReply(() => yearFigures(year, orgId || undefined), { auto: false })
  useEffect(() => reload(), [year, orgId, reload])

  const data = state.status === 'ok' ? state.data : null
  // Until the answer for the year and org chosen arrives, the old one is not shown as if it were.
  const reply = data && data.year === year && (!orgId || data.org.orgId === orgId) ? data : null
  const years = [...new Set([thisYear, year, ...(data?.years ?? [])])].sort((a, b) => b - a)
  const pick = (id: string) => {
    setOrgId(id)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }
  const open = (r: FiguresReply, line: FigureLine) =>
    Taro.navigateTo({ url: withQuery(STAFF_FIGURE_RECORDS_PAGE, { list: line.records, year: r.year, orgId: r.org.orgId, title: line.label }) })

  return (
    <View>
      <Tabs tabs={years.map((y) => ({ value: y, label: `${y} 年` }))} value={year} onChange={setYear} />
      {state.status === 'error' && <ErrorBox title='没能读到数据' error={state.error} onRetry={reload} />}
      {state.status !== 'error' && !reply && <LoadingCard rows={4} text={`正在读取 ${year} 年的数据…`} />}
      {reply && (
        <View>
          {wide ? (
            <OrgChoice name={reply.org.orgName} value={reply.org.orgId} onPick={pick} />
          ) : (
            <Text className='staff-card-title figure-title'>{reply.org.orgName}</Text>
          )}
          <Text className='section-title'>{reply.year} 年的数据</Text>
          <Lines reply={reply} onOpen={(line) => open(reply, line)} />
          <Handling figures={reply.org.figures} />
          <Children key={reply.org.orgId} orgs={reply.children} onPick={wide ? pick : null} />
          <Text className='section-title'>导出 Excel</Text>
          <ExportCard
            fetch={() => exportFigures(reply.year, orgId || undefined)}
            masked='表格里只有数字，没有个人信息。'
            doneText={(n) => `已导出 ${reply.year} 年的数据，共 ${grouped(n)} 行。`}
          />
          <Check last={reply.lastCheck} canCheck={wide} onChecked={reload} />
        </View>
      )}
    </View>
  )
}

export default function FiguresPage() {
  return (
    <View className='page staff station-staff figures'>
      <StaffGate>{(me) => <Figures me={me} />}</StaffGate>
    </View>
  )
}
