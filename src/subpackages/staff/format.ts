// Times as people in the county read them (China time, whatever the phone's zone): `11月25日 15:30`.
const CHINA_OFFSET_MS = 8 * 3600_000
const two = (n: number) => (n < 10 ? `0${n}` : String(n))

export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}
