import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import ErrorBox from '../../../components/ErrorBox'
import Loading from '../../../components/Loading'
import { LoadMore, type Paged } from '../../../components/StationPaging'
import type { Page } from '../../../domain/membership/membership.schema'

/** A card with grey lines and what is being read. */
export function LoadingCard({ text, rows = 3 }: { text: string; rows?: number }) {
  return (
    <View className='card'>
      <Loading rows={rows} text={text} />
    </View>
  )
}

interface Props<T> {
  state: Paged<T, Page<T>>
  reload: () => void
  loadMore: () => void
  /** 正在读取… */
  loadingText: string
  /** 没能读到… */
  errorTitle: string
  emptyText: string
  item: (item: T) => ReactNode
}

/** A list read page by page, with its loading, error (重试), empty and 加载更多 states. */
export default function PagedList<T>({ state, reload, loadMore, loadingText, errorTitle, emptyText, item }: Props<T>) {
  return (
    <View>
      {(state.status === 'loading' || state.status === 'idle') && <LoadingCard text={loadingText} />}
      {state.status === 'error' && state.error && <ErrorBox title={errorTitle} error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>{emptyText}</Text>
        </View>
      )}
      <View role='list'>{state.items.map(item)}</View>
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}
