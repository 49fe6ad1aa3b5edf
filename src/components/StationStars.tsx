import { View, Text } from '@tarojs/components'
import type { RatingView } from '../domain/stations/station.schema'
import './StationStars.css'

const starRow = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n)

/** The star level the union awarded, and what workers gave it, in words beside the stars. */
export default function StationStars({ stars, rating }: { stars: number; rating?: RatingView }) {
  return (
    <View className='station-stars'>
      {stars > 0 ? (
        <View className='station-stars__level' aria-label={`工会评定 ${stars} 星`}>
          <Text className='station-stars__row' aria-hidden>
            {starRow(stars)}
          </Text>
          <Text className='station-stars__words'>{stars} 星驿站</Text>
        </View>
      ) : (
        <Text className='station-stars__words'>工会还没评星</Text>
      )}
      {rating && (
        <Text className='station-stars__rating'>
          {rating.average === null ? '还没有人打分' : `职工打分 ${rating.average.toFixed(1)} 分（${rating.count} 人）`}
        </Text>
      )}
    </View>
  )
}
