import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './PhotoThumbs.css'

/** Photos attached to a record (short-lived links from the server); a tap opens them full screen. */
export default function PhotoThumbs({ photos }: { photos: ReadonlyArray<{ fileId: string; url: string }> }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => p.url)
  return (
    <View className='photo-thumbs' role='list' aria-label={`${photos.length} 张照片`}>
      {photos.map((p, i) => (
        <View key={p.fileId} className='photo-thumbs__item' role='listitem'>
          <View className='photo-thumbs__open' role='button' aria-label={`照片 ${i + 1}，点一下看大图`} onClick={() => void Taro.previewImage({ urls, current: p.url })}>
            <Image className='photo-thumbs__img' src={p.url} mode='aspectFill' aria-hidden />
          </View>
        </View>
      ))}
    </View>
  )
}
