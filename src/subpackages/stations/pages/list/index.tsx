import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StationCard, { StationCardSkeleton } from '../../../../components/StationCard'
import StationMap from '../../../../components/StationMap'
import { LoadMore, usePaged } from '../../../../components/StationPaging'
import type { AppError } from '../../../../domain/envelope'
import { AMENITIES, NEARBY_RADIUS_DEFAULT_M } from '../../../../domain/stations/station.constants'
import type { AmenityCode, DistrictCount, GcjPoint, StationCard as Card } from '../../../../domain/stations/station.schema'
import {
  districts as loadDistricts,
  inDistrict,
  loadDraft,
  locate,
  MY_REPORTS_PAGE,
  MY_SUGGESTIONS_PAGE,
  nearby,
  openLocationSettings,
  saveDraft,
  STATION_DETAIL_PAGE,
  withQuery,
  type ListFilters,
} from '../../../../services/stations'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import './index.css'

type Search = { kind: 'nearby'; point: GcjPoint; approximate: boolean } | { kind: 'district'; district: string }
type Districts = { status: 'idle' | 'loading' } | { status: 'ok'; items: DistrictCount[] } | { status: 'error'; error: AppError }

const PREFS = 'list-filters'
/** Open / closed lines are as of the last read: read again when coming back after this long. */
const STALE_MS = 5 * 60_000
const NO_FILTERS: ListFilters = { amenities: [], openNow: false }

function savedFilters(): ListFilters {
  const f = loadDraft<Partial<ListFilters>>(PREFS)
  const known = new Set<string>(AMENITIES.map((a) => a.code))
  return {
    amenities: Array.isArray(f?.amenities) ? f.amenities.filter((a): a is AmenityCode => known.has(a)) : [],
    openNow: f?.openNow === true,
  }
}

/**
 * 只看现在开门的 first (the question at 5:30 a.m.), then the amenities: the chosen ones stay in sight,
 * the whole list opens with 按设施筛选 so the results are not pushed off the screen.
 */
function Filters({ filters, onChange }: { filters: ListFilters; onChange: (f: ListFilters) => void }) {
  const [open, setOpen] = useState(false)
  const shown = open ? AMENITIES : AMENITIES.filter((a) => filters.amenities.includes(a.code))
  const toggle = (code: AmenityCode) =>
    onChange({ ...filters, amenities: filters.amenities.includes(code) ? filters.amenities.filter((a) => a !== code) : [...filters.amenities, code] })
  return (
    <View className='card list-filters'>
      <View className='chip-row' role='group' aria-label='筛选'>
        <View className={`chip${filters.openNow ? ' chip--on' : ''}`} role='checkbox' aria-checked={filters.openNow} onClick={() => onChange({ ...filters, openNow: !filters.openNow })}>
          <Text className='chip__icon' aria-hidden>
            {filters.openNow ? '✓' : '🕒'}
          </Text>
          <Text>只看现在开门的</Text>
        </View>
        {shown.map((a) => {
          const on = filters.amenities.includes(a.code)
          return (
            <View key={a.code} className={`chip${on ? ' chip--on' : ''}`} role='checkbox' aria-checked={on} onClick={() => toggle(a.code)}>
              <Text className='chip__icon' aria-hidden>
                {on ? '✓' : a.emoji}
              </Text>
              <Text>{a.label}</Text>
            </View>
          )
        })}
        <View className='chip chip--plain' role='button' aria-expanded={open} aria-label={open ? '收起设施' : '按设施筛选'} onClick={() => setOpen(!open)}>
          <Text>{open ? '收起 ▴' : filters.amenities.length ? '再加设施 ▾' : '按设施筛选（热水、微波炉…）▾'}</Text>
        </View>
      </View>
    </View>
  )
}

function DistrictPicker({ state, current, onPick, onRetry }: { state: Districts; current: string | null; onPick: (d: string) => void; onRetry: () => void }) {
  return (
    <View className='card district-picker'>
      <Text className='section-head'>🏘 按地区找：选你在哪个乡镇或街道</Text>
      {(state.status === 'loading' || state.status === 'idle') && (
        <View aria-busy='true'>
          <View className='skeleton-bar' />
          <View className='skeleton-bar' />
          <Text className='muted'>正在读取地区…</Text>
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到地区' error={state.error} onRetry={onRetry} />}
      {state.status === 'ok' && state.items.length === 0 && <Text className='muted'>现在还没有驿站。</Text>}
      {state.status === 'ok' && (
        <View role='list'>
          {state.items.map((d) => (
            <View key={d.name} className={`district${d.name === current ? ' district--on' : ''}`} role='button' aria-label={`${d.name}，${d.count} 个驿站`} onClick={() => onPick(d.name)}>
              <Text className='district__name'>{d.name}</Text>
              <Text className='district__count'>{d.count} 个驿站 ›</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

export default function StationList() {
  const { textClass } = useTextSize()
  const [search, setSearch] = useState<Search | null>(null)
  const [filters, setFilters] = useState<ListFilters>(savedFilters)
  const [locating, setLocating] = useState(false)
  const [locFail, setLocFail] = useState<'denied' | 'failed' | null>(null)
  const [picker, setPicker] = useState(false)
  const [dist, setDist] = useState<Districts>({ status: 'idle' })
  const [view, setView] = useState<'list' | 'map'>('list')
  const weapp = process.env.TARO_ENV === 'weapp'

  const { state, reload, loadMore } = usePaged<Card>(
    (cursor) => {
      if (search?.kind === 'nearby') return nearby(search.point, filters, cursor)
      return inDistrict(search?.kind === 'district' ? search.district : '', filters, cursor)
    },
    { auto: false },
  )

  const readAt = useRef(0)
  useEffect(() => {
    if (!search) return
    readAt.current = Date.now()
    reload()
  }, [search, filters, reload])
  useDidShow(() => {
    if (search && Date.now() - readAt.current > STALE_MS) {
      readAt.current = Date.now()
      reload()
    }
  })

  const changeFilters = (f: ListFilters) => {
    setFilters(f)
    saveDraft(PREFS, f)
  }

  const fetchDistricts = () => {
    setDist({ status: 'loading' })
    loadDistricts().then(
      (r) => setDist(r.ok ? { status: 'ok', items: r.data.districts } : { status: 'error', error: r.error }),
      () => setDist({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } }),
    )
  }

  const openPicker = () => {
    setPicker(true)
    if (dist.status !== 'ok') fetchDistricts()
  }

  const findNearby = async () => {
    if (locating) return
    setLocating(true)
    setLocFail(null)
    const r = await locate()
    setLocating(false)
    if (r.ok) {
      setPicker(false)
      setSearch({ kind: 'nearby', point: r.point, approximate: r.approximate })
    } else {
      setLocFail(r.reason)
      openPicker()
    }
  }

  const pickDistrict = (district: string) => {
    setPicker(false)
    setLocFail(null)
    setSearch({ kind: 'district', district })
  }

  const open = (s: Card) => {
    const at = search?.kind === 'nearby' ? search.point : null
    void Taro.navigateTo({ url: withQuery(STATION_DETAIL_PAGE, { id: s.id, lng: at?.lng, lat: at?.lat, approx: search?.kind === 'nearby' && search.approximate ? 1 : null }) })
  }

  const filtered = filters.amenities.length > 0 || filters.openNow
  const approximate = search?.kind === 'nearby' && search.approximate

  return (
    <View className={pageClass('page stations', textClass)}>
      <PrivacyPopup />
      {!search ? (
        <View className='card list-start'>
          <Text className='list-start__title'>找个地方歇歇脚、喝口热水</Text>
          <Button className='big-button list-start__near' type='primary' block disabled={locating} onClick={findNearby}>
            {locating ? '正在找你的位置…' : '📍 找附近的驿站'}
          </Button>
          <Button className='big-button gap' block onClick={openPicker}>
            🏘 按地区找
          </Button>
          <Text className='list-start__note'>点“找附近的驿站”时才会问你的位置。位置只用来算离你多远，不会保存。</Text>
        </View>
      ) : (
        <View className='card list-now'>
          <Text className='list-now__title'>{search.kind === 'nearby' ? `离你最近的驿站（${NEARBY_RADIUS_DEFAULT_M / 1000} 公里内）` : `${search.district}的驿站`}</Text>
          {approximate && <Text className='list-now__note'>网页版定位不太准，距离是大概的。</Text>}
          <View className='list-now__actions'>
            <Button className='list-now__btn' disabled={locating} onClick={findNearby}>
              {locating ? '正在定位…' : '📍 重新定位'}
            </Button>
            <Button className='list-now__btn' onClick={openPicker}>
              🏘 换个地区
            </Button>
          </View>
        </View>
      )}

      {locFail && (
        <View className='notice notice--bad' role='alert'>
          <Text className='notice__text'>
            {locFail === 'denied' ? '你没有同意使用位置。没关系，下面选一下你在哪个乡镇或街道。' : '没能找到你的位置（可能信号不好）。下面选一下你在哪个乡镇或街道。'}
          </Text>
          {locFail === 'denied' && weapp && (
            <View className='text-link' role='button' onClick={openLocationSettings}>
              <Text>想用位置找？点这里打开位置权限</Text>
            </View>
          )}
        </View>
      )}

      {picker && <DistrictPicker state={dist} current={search?.kind === 'district' ? search.district : null} onPick={pickDistrict} onRetry={fetchDistricts} />}

      {search && <Filters filters={filters} onChange={changeFilters} />}

      {search && weapp && state.status === 'ok' && state.items.length > 0 && (
        <View className='list-view-switch' role='tablist'>
          <View className={`list-view-switch__tab${view === 'list' ? ' list-view-switch__tab--on' : ''}`} role='tab' aria-selected={view === 'list'} aria-label='列表' onClick={() => setView('list')}>
            <Text>☰ 列表</Text>
          </View>
          <View className={`list-view-switch__tab${view === 'map' ? ' list-view-switch__tab--on' : ''}`} role='tab' aria-selected={view === 'map'} aria-label='地图' onClick={() => setView('map')}>
            <Text>🗺 地图</Text>
          </View>
        </View>
      )}

      {search && state.status === 'loading' && (
        <View aria-busy='true'>
          <Text className='list-loading'>正在找驿站，请稍等…</Text>
          <StationCardSkeleton />
          <StationCardSkeleton />
          <StationCardSkeleton />
        </View>
      )}
      {search && state.status === 'error' && state.error && <ErrorBox title='没能找到驿站' error={state.error} onRetry={reload} />}
      {search && state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='section-head'>没有找到合适的驿站</Text>
          <Text className='list-empty__text'>
            {filtered ? '可能是筛选条件太多了。' : search.kind === 'nearby' ? `离你 ${NEARBY_RADIUS_DEFAULT_M / 1000} 公里内还没有驿站。` : '这个地区还没有驿站。'}
          </Text>
          {filtered && (
            <Button className='big-button gap' type='primary' block onClick={() => changeFilters(NO_FILTERS)}>
              去掉筛选，全部看看
            </Button>
          )}
          {search.kind === 'nearby' && (
            <Button className='big-button gap' block onClick={openPicker}>
              🏘 按地区找
            </Button>
          )}
        </View>
      )}
      {search && state.status === 'ok' && state.items.length > 0 && (
        <View>
          {weapp && view === 'map' ? (
            <StationMap stations={state.items} center={search.kind === 'nearby' ? search.point : null} onOpen={open} />
          ) : (
            <View role='list' aria-label='驿站列表'>
              {state.items.map((s) => (
                <View key={s.id} role='listitem'>
                  <StationCard station={s} approximate={approximate} onOpen={open} />
                </View>
              ))}
            </View>
          )}
          <LoadMore state={state} onMore={loadMore} endText='附近的驿站都在这里了' />
        </View>
      )}

      <View className='card list-links'>
        <View className='link' role='button' aria-label='我报修的事' onClick={() => Taro.navigateTo({ url: MY_REPORTS_PAGE })}>
          <Text>🛠 我报修的事</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
        <View className='link' role='button' aria-label='推荐一个新驿站的地方' onClick={() => Taro.navigateTo({ url: MY_SUGGESTIONS_PAGE })}>
          <Text>💡 推荐一个新驿站的地方</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
      </View>
    </View>
  )
}
