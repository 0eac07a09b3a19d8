// The few VS Code workbench gestures the e2e test needs, as a user makes them (keyboard first), each
// waiting for what the user would wait for. Selectors are the workbench's own class names.
'use strict';

/** Waits for a selector, or polls a (possibly async) predicate until it is true. */
async function waitFor(page, what, ms, description) {
  if (typeof what === 'string') {
    await page.waitForSelector(what, { timeout: ms });
    return;
  }
  const end = Date.now() + ms;
  for (;;) {
    if (await what()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${description || 'a condition'}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Quick Open (Ctrl+P): type the file name, take the match; waits for its editor tab to be active. */
async function openFile(page, name) {
  // A hover or a language-status popup left open keeps Ctrl+P from reaching the workbench: close it.
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  const open = page.locator('.tabs-container .tab', { hasText: name }).first();
  if (await open.count()) {
    await open.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30000 });
    await page
      .locator('.editor-group-container.active .monaco-editor')
      .first()
      .click({ position: { x: 200, y: 5 } })
      .catch(() => {});
    await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 15000 });
    return;
  }
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30000 });
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 15000 });
}

/** Go to Line (Ctrl+G) with `line:column`, 1-based, in the focused editor. */
async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15000 });
  await page.locator(`.statusbar-item:has-text("Ln ${line}, Col ${column}")`).first().waitFor({ timeout: 15000 });
}

/** Shows the Problems panel (without toggling it away) and types a filter (file name or text). */
async function filterProblems(page, text) {
  if (
    !(await page
      .locator('.markers-panel')
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15000 });
  }
  const filter = page.locator('.viewpane-filter input').first();
  // On a loaded machine the panel can take the text before its filter box is wired up and show it
  // empty again (seen once: the Problems list unfiltered, the row scrolled out of view): fill until
  // the box holds the text.
  for (let attempt = 0; attempt < 3; attempt++) {
    await filter.fill(text);
    await page.waitForTimeout(400); // the tree refilters on a short debounce
    if ((await filter.inputValue().catch(() => '')) === text) return;
  }
  throw new Error(`the Problems filter does not keep the text ${JSON.stringify(text)}`);
}

/** Text of the Problems rows that match re; waits up to ms for at least one (ms = 0: no wait). */
async function problemRows(page, re, ms) {
  const read = async () => (await page.locator('.markers-panel .monaco-list-row').allTextContents()).filter((t) => re.test(t));
  if (ms === 0) return read();
  let rows = [];
  await waitFor(page, async () => (rows = await read()).length > 0, ms, `a Problems row matching ${re}`);
  return rows;
}

/**
 * Ctrl+. in the focused editor until the code action menu offers `title`; returns its row. VS Code
 * drops a code action request that a document change or a diagnostics refresh overtakes, and then
 * shows no menu: as a user would, the test closes whatever opened and presses again (three times at
 * most, 10 s each), so one lost request does not fail the step while a fix never offered still does.
 */
async function offeredAction(page, title) {
  const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 10000 });
      return row;
    } catch (err) {
      const offered = await page
        .locator('.action-widget .monaco-list-row')
        .allTextContents()
        .catch(() => []);
      if (attempt >= 3) throw new Error(`no quick fix matching ${title} after ${attempt} tries; offered: ${JSON.stringify(offered)}`, { cause: err });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** Ctrl+. in the focused editor and applies the quick fix whose title matches. */
async function quickFix(page, title, beforeApply) {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
  const row = await offeredAction(page, title);
  if (beforeApply) await beforeApply();
  await row.click();
  await waitFor(
    page,
    async () =>
      !(await page
        .locator('.action-widget .monaco-list-row')
        .first()
        .isVisible()
        .catch(() => false)),
    15000,
    'the quick fix menu to close',
  );
}

/** Runs a command from the Command Palette (F1) by its full title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Filters an open quick pick and takes the first item whose label matches. */
async function pickQuickItem(page, label) {
  const input = page.locator('.quick-input-widget input');
  // The list is virtual: with many items the one wanted may not be rendered until the filter is typed.
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 15000 });
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15000 });
}

module.exports = {
  offeredAction,
  waitFor,
  openFile,
  goToLine,
  filterProblems,
  problemRows,
  quickFix,
  runCommand,
  pickQuickItem,
};
