import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import ErrorBox from '../../../components/ErrorBox'
import Loading from '../../../components/Loading'
import type { OrgView } from '../../../services/admin'
import type { ReplyState } from '../useReply'
import ChoiceList from './ChoiceList'

/** With more orgs than this, a search box appears above the list. */
const SEARCH_FROM = 8

interface Props {
  /** listOrgs: the orgs in the caller's scope, parents before children. */
  orgs: { state: ReplyState<{ orgs: OrgView[] }>; reload: () => void }
  /** What is being chosen, e.g. 单位. */
  label: string
  value: string | null
  onChange: (id: string) => void
  /** A first choice meaning "any org" (its value is ''). */
  allLabel?: string
}

/** One org from the caller's scope, as big rows indented under their parent; a search box for long lists. */
export default function OrgPicker({ orgs, label, value, onChange, allLabel }: Props) {
  const [search, setSearch] = useState('')
  const { state, reload } = orgs
  if (state.status === 'error') return <ErrorBox title='没能读到工会名单' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <Loading rows={2} text='正在读取工会名单…' />
  const all = state.data.orgs
  if (all.length === 0) return <Text className='staff-note'>你还没有负责的工会。请问一问县总工会的管理员。</Text>
  const q = search.trim()
  const shown = q ? all.filter((o) => o.name.includes(q) || o.id === value) : all
  const top = Math.min(...all.map((o) => o.depth))
  const choices = [
    ...(allLabel && !q ? [{ value: '', label: allLabel }] : []),
    ...shown.map((o) => ({ value: o.id, label: o.name, hint: o.kindLabel, depth: q ? 0 : o.depth - top })),
  ]
  return (
    <View>
      {all.length > SEARCH_FROM && (
        <Input className='field-input' value={search} placeholder='输入名字里的几个字，查找工会' aria-label='查找工会' onInput={(e) => setSearch(String(e.detail.value))} />
      )}
      <ChoiceList label={label} choices={choices} value={value} onChange={onChange} />
      {shown.length === 0 && <Text className='staff-note'>没有找到，换几个字试试。</Text>}
    </View>
  )
}
