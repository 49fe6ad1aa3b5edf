import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PhotoThumbs from '../../src/components/PhotoThumbs'

const photos = [
  { fileId: 'f1', url: 'http://127.0.0.1/__storage/download/private/a.jpg?expires=1&sign=x' },
  { fileId: 'f2', url: 'http://127.0.0.1/__storage/download/private/b.jpg?expires=1&sign=y' },
]

test('shows each attached photo and opens it full screen on tap', () => {
  render(<PhotoThumbs photos={photos} />)
  expect(screen.getByLabelText('2 张照片')).toBeTruthy()
  expect(screen.getAllByRole('listitem')).toHaveLength(2)
  fireEvent.click(screen.getByRole('button', { name: '照片 2，点一下看大图' }))
  expect(Taro.previewImage).toHaveBeenCalledWith({ urls: photos.map((p) => p.url), current: photos[1].url })
})

test('no photos → nothing at all', () => {
  const { container } = render(<PhotoThumbs photos={[]} />)
  expect(container.textContent).toBe('')
  expect(container.querySelector('.photo-thumbs')).toBeNull()
})
