// 组织管理: the admin reads the org tree, adds a union, renames one, sets or clears its 新组建日期 and moves it.
import { render, screen, within } from '@testing-library/react'
import OrgsPage from '../../src/subpackages/staff/pages/orgs/index'
import { callFunction } from '../../src/services/transport'
import type { OrgMoveReply, OrgTreeView } from '../../src/domain/staff/staff.schema'
import { errReply, okReply, staff } from './fixtures'
import { button, fieldOf, type Handler, pickDate, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

const org = (id: string, name: string, kind: OrgTreeView['kind'], kindLabel: string, parentId: string | null, depth: number, more: Partial<OrgTreeView> = {}): OrgTreeView => ({
  id,
  name,
  kind,
  kindLabel,
  parentId,
  depth,
  formedAt: null,
  version: 1,
  ...more,
})
const FED = org('org-fed', '广丰区总工会', 'federation', '总工会', null, 0)
const TOWN = org('org-town', '洋口镇总工会', 'federation', '总工会', 'org-fed', 1, { version: 3 })
const MILL = org('org-mill', '洋口镇纸厂工会', 'grassroots', '基层工会', 'org-town', 2, { formedAt: '2025-03-08' })
const FENGDA = org('org-fengda', '江西丰达机械有限公司工会', 'grassroots', '基层工会', 'org-fed', 1)
const XINGWANG = org('org-xingwang', '兴旺国际建材城联合工会', 'joint', '联合工会', 'org-fed', 1)
const TREE = [FED, TOWN, MILL, FENGDA, XINGWANG]

function backend(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'admin.listOrgs': () => okReply({ orgs: TREE }), ...more })
}

const listItems = () => within(screen.getByRole('list', { name: '工会名单' })).getAllByRole('listitem')
const rowOf = (name: string) => listItems().find((li) => li.textContent?.includes(name)) as HTMLElement
const openRow = async (name: string) => tap(within(rowOf(name)).getByRole('button'))
const pick = async (group: string, label: string) => tap(within(screen.getByRole('radiogroup', { name: group })).getByText(label))

beforeEach(() => jest.clearAllMocks())

test('only the admin may use the page', async () => {
  backend(staff)
  render(<OrgsPage />)
  expect(await screen.findByText('这一页只有管理员能用')).toBeTruthy()
  expect(sent(call, 'listOrgs')).toEqual([])
})

test('the tree in order, indented, with kind and 新组建 date; a tapped union shows what can be done (the root cannot move)', async () => {
  backend(admin)
  render(<OrgsPage />)
  expect(await screen.findByText('工会名单（5）')).toBeTruthy()
  expect(listItems().map((li) => li.querySelector('.org-row__name')?.textContent)).toEqual(TREE.map((o) => o.name))
  expect(rowOf('洋口镇纸厂工会').className).toContain('org-item--depth-2')
  expect(rowOf('洋口镇纸厂工会').textContent).toContain('基层工会')
  expect(rowOf('洋口镇纸厂工会').textContent).toContain('新组建 2025年3月8日')
  expect(rowOf('江西丰达机械有限公司工会').textContent).not.toContain('新组建')

  await openRow('广丰区总工会')
  expect(within(rowOf('广丰区总工会')).getByText('总工会是最上面的一级，不能移动。')).toBeTruthy()
  expect(within(rowOf('广丰区总工会')).queryByText('移到别的工会下面')).toBeNull()
  await openRow('洋口镇总工会')
  expect(within(rowOf('洋口镇总工会')).getByText('移到别的工会下面')).toBeTruthy()
  expect(within(rowOf('广丰区总工会')).queryByText('改名字')).toBeNull()
})

test('create: each missing answer is said under its question; then the right event is sent with the date', async () => {
  backend(admin, { 'admin.createOrg': (e) => okReply({ org: org('org-new', String(e.name), 'joint', '联合工会', 'org-town', 2, { formedAt: String(e.formedAt) }) }) })
  render(<OrgsPage />)
  await tap(await screen.findByText('➕ 新建工会'))
  await tap(button('新建'))
  expect(fieldOf('工会的名字').textContent).toContain('工会的名字至少 2 个字')
  expect(screen.getByText('请选择工会的类型')).toBeTruthy()
  expect(screen.getByText('请选择上级工会')).toBeTruthy()
  expect(sent(call, 'createOrg')).toEqual([])

  await type('工会的名字', '  洋口镇商会联合工会 ')
  await pick('类型', '联合工会')
  await pick('上级工会', '洋口镇总工会')
  await pickDate(0, '2026-01-05')
  await tap(button('新建'))
  expect(sent(call, 'createOrg')).toEqual([{ action: 'createOrg', name: '洋口镇商会联合工会', kind: 'joint', parentId: 'org-town', formedAt: '2026-01-05' }])
  expect((await screen.findByRole('status')).textContent).toContain('已新建「洋口镇商会联合工会」')
  expect(sent(call, 'listOrgs')).toHaveLength(2)
})

test('create: a name taken among the siblings is shown under the name; 不填日期 sends no date', async () => {
  const taken = { ok: false as const, error: { code: 'ORG.NAME_TAKEN', message: '同一个上级工会下面已经有这个名字的工会了，请换一个名字', fieldErrors: { name: '同一个上级工会下面已经有这个名字的工会了，请换一个名字' } } }
  backend(admin, { 'admin.createOrg': () => taken })
  render(<OrgsPage />)
  await tap(await screen.findByText('➕ 新建工会'))
  await type('工会的名字', '江西丰达机械有限公司工会')
  await pick('类型', '基层工会')
  await pick('上级工会', '广丰区总工会')
  await pickDate(0, '2026-01-05')
  await tap(button('不填日期'))
  await tap(button('新建'))
  expect(sent(call, 'createOrg')).toEqual([{ action: 'createOrg', name: '江西丰达机械有限公司工会', kind: 'grassroots', parentId: 'org-fed' }])
  expect(fieldOf('工会的名字').textContent).toContain('已经有这个名字的工会了')
  expect(button('新建')).toBeTruthy()
})

test('rename: checks the new name first; a version changed by someone else reloads the list and says so', async () => {
  backend(admin, { 'admin.updateOrg': () => errReply('ORG.STALE', '这个工会刚刚被别人改过了，请刷新后再改') })
  render(<OrgsPage />)
  await screen.findByText('工会名单（5）')
  await openRow('洋口镇总工会')
  await tap(button('改名字'))
  await type('新的名字', '洋')
  await tap(button('保存新名字'))
  expect(fieldOf('新的名字').textContent).toContain('工会的名字至少 2 个字')
  await type('新的名字', '洋口镇总工会')
  await tap(button('保存新名字'))
  expect(fieldOf('新的名字').textContent).toContain('名字没有变')
  await type('新的名字', '洋口镇工会联合会')
  await tap(button('保存新名字'))
  expect(sent(call, 'updateOrg')).toEqual([{ action: 'updateOrg', id: 'org-town', version: 3, name: '洋口镇工会联合会' }])
  expect((await screen.findByRole('status')).textContent).toContain('刚刚被别人改过了')
  expect(sent(call, 'listOrgs')).toHaveLength(2)
})

test('新组建日期: set a date, or clear one', async () => {
  backend(admin, { 'admin.updateOrg': (e) => okReply({ org: { ...MILL, formedAt: (e.formedAt as string | null) ?? null, version: 2 } }) })
  render(<OrgsPage />)
  await screen.findByText('工会名单（5）')
  await openRow('洋口镇纸厂工会')
  await tap(button('新组建日期'))
  await tap(button('保存日期'))
  expect(screen.getByText('日期没有变')).toBeTruthy()
  await pickDate(0, '2025-04-01')
  await tap(button('保存日期'))
  expect((await screen.findByRole('status')).textContent).toContain('新组建日期是 2025年4月1日')

  await openRow('洋口镇纸厂工会')
  await tap(button('新组建日期'))
  await tap(button('不算新组建（清除日期）'))
  expect(sent(call, 'updateOrg')).toEqual([
    { action: 'updateOrg', id: 'org-mill', version: 1, formedAt: '2025-04-01' },
    { action: 'updateOrg', id: 'org-mill', version: 1, formedAt: null },
  ])
  expect((await screen.findByRole('status')).textContent).toContain('不再算新组建工会')
})

test('move: its own branch is not offered; the current parent is refused; the reply says how many records followed', async () => {
  const moved: OrgMoveReply = { org: { ...TOWN, parentId: 'org-xingwang', depth: 2, version: 4 }, moved: true, descendants: 1, rewritten: { memberApplications: 2, stations: 1 }, total: 3 }
  backend(admin, { 'admin.moveOrg': () => okReply(moved) })
  render(<OrgsPage />)
  await screen.findByText('工会名单（5）')
  await openRow('洋口镇总工会')
  await tap(button('移到别的工会下面'))
  expect(screen.getByText('它下面的 1 个工会会跟着一起移动。')).toBeTruthy()
  const offered = within(screen.getByRole('radiogroup', { name: '新的上级工会' }))
    .getAllByRole('radio')
    .map((r) => r.querySelector('.choice__label')?.textContent)
  expect(offered).toEqual(['广丰区总工会', '江西丰达机械有限公司工会', '兴旺国际建材城联合工会'])

  await tap(button('移过去'))
  expect(fieldOf('新的上级工会').textContent).toContain('请选择新的上级工会')
  await pick('新的上级工会', '广丰区总工会')
  await tap(button('移过去'))
  expect(fieldOf('新的上级工会').textContent).toContain('它现在就在这个工会下面')
  await pick('新的上级工会', '兴旺国际建材城联合工会')
  await tap(button('移过去'))
  expect(sent(call, 'moveOrg')).toEqual([{ action: 'moveOrg', id: 'org-town', version: 3, parentId: 'org-xingwang' }])
  expect((await screen.findByRole('status')).textContent).toBe('「洋口镇总工会」已移到「兴旺国际建材城联合工会」下面。有 3 条申请、驿站等记录也跟着改好了。')
})

test('a refused move (cycle) is said in the form', async () => {
  backend(admin, {
    'admin.moveOrg': () => ({ ok: false, error: { code: 'ORG.CYCLE', message: '不能把工会移到它自己或它下面的工会下面，请换一个上级工会', fieldErrors: { parentId: '不能把工会移到它自己或它下面的工会下面，请换一个上级工会' } } }),
  })
  render(<OrgsPage />)
  await screen.findByText('工会名单（5）')
  await openRow('江西丰达机械有限公司工会')
  await tap(button('移到别的工会下面'))
  await pick('新的上级工会', '洋口镇纸厂工会')
  await tap(button('移过去'))
  expect(fieldOf('新的上级工会').textContent).toContain('不能把工会移到它自己或它下面的工会下面')
})

test('a failed read offers 重试', async () => {
  backend(admin, { 'admin.listOrgs': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<OrgsPage />)
  expect(await screen.findByText('没能读到工会名单')).toBeTruthy()
})
