import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './FileLink.css'

/** weapp: download the file and open it in WeChat's viewer. */
async function openFile(url: string, mime: string) {
  try {
    const { tempFilePath } = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: tempFilePath, ...(mime === 'application/pdf' ? { fileType: 'pdf' as const } : {}) })
  } catch {
    void Taro.showToast({ title: '没能打开这个文件，请稍后再试', icon: 'none', duration: 3000 })
  }
}

/** A document that is not a photo (a PDF): 📄 打开第 n 个 PDF 文件; h5 uses a plain link. */
export default function FileLink({ url, n, mime = 'application/pdf' }: { url: string; n: number; mime?: string }) {
  const text = `📄 打开第 ${n} 个${mime === 'application/pdf' ? ' PDF ' : ''}文件`
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className='doc-link' href={url} target='_blank' rel='noopener noreferrer'>
        {text}
      </a>
    )
  }
  return (
    <View className='doc-link' role='link' onClick={() => void openFile(url, mime)}>
      <Text>{text}</Text>
    </View>
  )
}
