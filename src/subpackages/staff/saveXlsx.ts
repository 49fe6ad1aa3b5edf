import Taro from '@tarojs/taro'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** No folders or odd characters from the server's name in a local path. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_') || 'members.xlsx'

/**
 * weapp: written to the mini-program's own folder, then opened (the menu there sends or saves it).
 * h5: downloaded by the browser.
 */
export async function saveXlsx(fileName: string, base64: string): Promise<void> {
  const name = safeName(fileName)
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
    const href = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }))
    const link = Object.assign(document.createElement('a'), { href, download: name })
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(href), 1000)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject })
  })
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}
