import { View, Text } from '@tarojs/components'
import type { StationCard as Card } from '../domain/stations/station.schema'
import AmenityList from './AmenityList'
import StationOpenLine from './StationOpenLine'
import StationStars from './StationStars'
import './StationShared.css'
import './StationCard.css'

interface Props {
  station: Card
  /** The distance is from a browser position (h5): say it is about. */
  approximate?: boolean
  onOpen: (station: Card) => void
}

/** One station in the list: name, how far, open or not, what it has, stars. The whole card opens it. */
export default function StationCard({ station, approximate = false, onOpen }: Props) {
  const where = [station.distanceText ? `${approximate ? '约 ' : ''}${station.distanceText}` : null, station.district].filter(Boolean).join(' · ')
  return (
    <View className='card station-card' role='button' onClick={() => onOpen(station)}>
      <View className='station-card__head'>
        <Text className='station-card__name'>{station.name}</Text>
        <Text className='station-card__go' aria-hidden>
          ›
        </Text>
      </View>
      <StationOpenLine open={station.open} />
      <View className='station-card__where'>
        <Text className='station-card__pin' aria-hidden>
          📍
        </Text>
        <Text className='station-card__distance'>{where}</Text>
      </View>
      <AmenityList codes={station.amenities} />
      <StationStars stars={station.stars} rating={station.rating} />
    </View>
  )
}

/** Grey card while the list is loading. */
export function StationCardSkeleton() {
  return (
    <View className='card station-card station-card--skeleton' aria-hidden>
      <View className='skeleton-bar skeleton-bar--title' />
      <View className='skeleton-bar skeleton-bar--short' />
      <View className='skeleton-bar' />
      <View className='skeleton-bar skeleton-bar--chips' />
    </View>
  )
}
