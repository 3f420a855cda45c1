import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { CellPage } from './pages/cell-page';
import { InvitePage } from './pages/invite-page';
import { MemberImportPanel } from './pages/member-import';
import { SiteHeader } from './pages/site-header';
import { SignInPage } from './pages/sign-in-page';

const HEADER = 'Họ và tên;Email;Điện thoại;Trạng thái;Chức vụ;Ngày vào Đảng;Ngày chính thức';
const PAO = 'Lò Văn Páo;pao.import@test.vn;;Chính thức;;19/05/1990;19/05/1991';
const MAI_BAD = 'Hà Thị Mai;;0987 654 321;dự bị;;31/02/2026;';
const MAI_FIXED = 'Hà Thị Mai;;0987 654 321;dự bị;;03/02/2026;';

/**
 * The secretary imports two comrades the cell does not have yet (names the
 * seed does not use) on a phone (360 px): a
 * wrong date is shown on its row before anything is saved, the fixed file
 * imports both members, and the same file again changes nothing. The one
 * known by phone only gets a password link and signs in with her number.
 */
describe('importing the member list on a phone', () => {
  const started = useE2eApp();

  it('shows the bad row, then imports the fixed file, and the second import changes nothing', async () => {
    const { secretary, cellId } = started.app.seeded!;
    const visitor = await started.app.visitor({ phone: true });
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(secretary.email, secretary.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    await visitor.page.goto(`${started.app.server.url}/cells/${cellId}`);
    const panel = new MemberImportPanel(visitor.page);

    await panel.choose('dang-vien.csv', [HEADER, PAO, MAI_BAD]);
    const bad = panel.row(3, 'Hà Thị Mai');
    expect(await bad.innerText()).toContain(vi.memberImport.problems.joined_invalid.replace('{value}', '31/02/2026'));
    expect(await panel.fixFirst.isVisible()).toBe(true);
    expect(await panel.applyButton.count()).toBe(0);
    expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await panel.choose('dang-vien.csv', [HEADER, PAO, MAI_FIXED]);
    expect(await panel.applyButton.innerText()).toBe(vi.memberImport.apply.replace('{count}', '2'));
    await panel.apply();
    const cell = new CellPage(visitor.page);
    await cell.member('Hà Thị Mai').waitFor();
    expect(await cell.member('Hà Thị Mai').innerText()).toContain('0987654321');
    expect(await cell.member('Lò Văn Páo').innerText()).toContain('pao.import@test.vn');

    await panel.choose('dang-vien.csv', [HEADER, PAO, MAI_FIXED]);
    expect(await panel.root.getByTestId('import-nothing').innerText()).toBe(vi.memberImport.nothingToDo);
    expect(await panel.applyButton.count()).toBe(0);

    // Mai has no email: her link goes by Zalo or SMS, and she signs in with her phone number as she writes it.
    const link = await cell.createInvite('Hà Thị Mai');
    const phone = await started.app.visitor({ phone: true });
    const invite = new InvitePage(phone.page);
    await invite.open(link);
    expect(await invite.forWhom.innerText()).toBe(
      vi.invite.for.replace('{name}', 'Hà Thị Mai').replace('{login}', '0987654321'),
    );
    await invite.setPassword('mật khẩu của Mai');
    const maiSignIn = new SignInPage(phone.page);
    await maiSignIn.signIn('0987 654 321', 'mật khẩu của Mai');
    await phone.page.waitForURL((url) => url.pathname === '/');
    expect(await new SiteHeader(phone.page).currentUser.innerText()).toContain('Hà Thị Mai');
  });
});
