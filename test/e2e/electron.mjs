// The same end-to-end suite in Microsoft's desktop VS Code (Electron), for machines that can
// download it: `node test/e2e/electron.mjs [trusted|untrusted]`. @vscode/test-electron downloads
// VS Code into .vscode-test/. (Offline machines use test/e2e/vscode.test.ts instead.)
import { runTests } from '@vscode/test-electron';
import { tsImport } from 'tsx/esm/api';

const modes = process.argv.slice(2).length ? process.argv.slice(2) : ['trusted', 'untrusted'];
const { repo } = await tsImport('./harness.ts', import.meta.url);
const { buildSuite, fakeStore, suiteBundle } = await tsImport('./setup.ts', import.meta.url);
const { cleanupWorkspace, prepareWorkspace } = await tsImport('./workspace.ts', import.meta.url);

await buildSuite();
let failed = false;
for (const mode of modes) {
  const fake = await fakeStore();
  const { workspace, infoPath, info } = prepareWorkspace(mode, fake.port);
  try {
    const code = await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: suiteBundle,
      extensionTestsEnv: { DS_E2E_INFO: infoPath },
      launchArgs: [workspace, '--disable-extensions', ...(mode === 'trusted' ? ['--disable-workspace-trust'] : [])],
    }).then(() => 0, (e) => { console.error(e); return 1; });
    const contacted = fake.connections();
    const storeOk = mode === 'trusted' ? contacted > 0 : contacted === 0;
    console.log(`${mode}: suite exit ${code}, fake store connections ${contacted}${storeOk ? '' : ' (WRONG)'}`);
    failed ||= code !== 0 || !storeOk;
  } finally {
    fake.server.close();
    cleanupWorkspace(info);
  }
}
process.exit(failed ? 1 : 0);
