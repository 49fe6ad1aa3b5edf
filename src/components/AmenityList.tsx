import { View, Text } from '@tarojs/components'
import { AMENITIES, type AmenityCode } from '../domain/stations/station.constants'
import './AmenityList.css'

const BY_CODE = new Map<string, (typeof AMENITIES)[number]>(AMENITIES.map((a) => [a.code, a]))

export const amenityLabel = (code: AmenityCode): string => BY_CODE.get(code)?.label ?? code
export const amenityEmoji = (code: AmenityCode): string => BY_CODE.get(code)?.emoji ?? '•'

/** What a station offers: an icon and the word for each, never an icon alone. */
export default function AmenityList({ codes, big = false }: { codes: readonly AmenityCode[]; big?: boolean }) {
  if (codes.length === 0) return null
  return (
    <View className={`amenities${big ? ' amenities--big' : ''}`} role='list' aria-label='有这些设施'>
      {codes.map((code) => (
        <View key={code} className='amenity' role='listitem'>
          <Text className='amenity__icon' aria-hidden>
            {amenityEmoji(code)}
          </Text>
          <Text className='amenity__label'>{amenityLabel(code)}</Text>
        </View>
      ))}
    </View>
  )
}
