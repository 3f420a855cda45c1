import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { DashboardPage } from './pages/dashboard-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';

const ADMIN = {
  adminName: 'Đỗ Thị Hoa',
  email: 'hoa@phuongtanhoa.vn',
  password: 'một câu đủ dài để nhớ',
  committeeName: 'Đảng bộ phường Tân Hòa',
  cellName: 'Chi bộ khu phố 3',
};

describe('first-run setup of an empty installation', () => {
  const started = useE2eApp({ seed: false });

  it('leads from / to the setup form, creates the administrator and the organisation, and then closes', async () => {
    const { page } = await started.app.visitor();
    const setup = new SetupPage(page);
    const signIn = new SignInPage(page);
    const dashboard = new DashboardPage(page);

    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/setup');
    await setup.form.waitFor();

    await setup.complete(ADMIN);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await signIn.notice('setup').waitFor();

    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect.poll(() => dashboard.isShown()).toBe(true);
    await dashboard.cell(ADMIN.cellName).waitFor();
    expect(await dashboard.greeting.innerText()).toContain(ADMIN.adminName);
    expect(await dashboard.cell(ADMIN.cellName).innerText()).toContain(ADMIN.committeeName);

    // A second setup would hand the installation to whoever finds the page first.
    await setup.goto();
    await setup.closedNotice.waitFor();
    expect(await setup.form.count()).toBe(0);
    const stranger = new SetupPage((await started.app.visitor()).page);
    await stranger.goto();
    await stranger.closedNotice.waitFor();
    expect(await stranger.form.count()).toBe(0);
  });
});
