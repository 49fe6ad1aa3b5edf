import { View, Text, Map } from '@tarojs/components'
import type { GcjPoint, StationCard } from '../domain/stations/station.schema'
import './StationMap.css'

interface Props {
  stations: StationCard[]
  /** Where the person is (nearby search); the map centres there, else on the first station. */
  center: GcjPoint | null
  onOpen: (station: StationCard) => void
}

/** weapp only: the stations as markers on WeChat's map; tapping a name opens the station. */
export default function StationMap({ stations, center, onOpen }: Props) {
  const first = center ?? stations[0]?.location
  if (!first) return null
  const markers = stations.map((s, i) => ({
    id: i,
    latitude: s.location.lat,
    longitude: s.location.lng,
    title: s.name,
    // the 首页 tab icon (a house) is in the main package already
    iconPath: '/assets/tab/home-on.png',
    width: 34,
    height: 34,
    callout: {
      content: `${s.name}\n${s.open.text}`,
      color: '#1f1f1f',
      fontSize: 15,
      anchorX: 0,
      anchorY: 0,
      borderRadius: 8,
      borderWidth: 1,
      borderColor: '#b3261e',
      bgColor: '#ffffff',
      padding: 8,
      display: 'ALWAYS' as const,
      textAlign: 'left' as const,
    },
  }))
  const open = (id: number | string) => {
    const s = stations[Number(id)]
    if (s) onOpen(s)
  }
  return (
    <View className='station-map'>
      <Map
        className='station-map__map'
        latitude={first.lat}
        longitude={first.lng}
        scale={15}
        showLocation={center !== null}
        markers={markers}
        includePoints={[...(center ? [{ latitude: center.lat, longitude: center.lng }] : []), ...stations.map((s) => ({ latitude: s.location.lat, longitude: s.location.lng }))]}
        onMarkerTap={(e) => open(e.detail.markerId)}
        onCalloutTap={(e) => open(e.detail.markerId)}
        onError={() => undefined}
      />
      <Text className='station-map__hint'>点地图上的驿站名字，可以看详情。</Text>
    </View>
  )
}
