/**
 * Page helpers for the authoring panels: the code view's text as the user sees it, typing
 * into it, the authoring bar's commands.
 */
import type { Page } from 'playwright-core';

/** A workflow with hand-written comments and a key the model does not know. */
export const COMMENTED_WORKFLOW = `# Made by hand: keep this header.
pegasus: "5.0"
name: commented
x-lab-notes: reviewed by the PI
jobs:
  # keep: the raw reads come from the sequencer
  - type: job
    name: preprocess
    id: prep
    arguments: [-i, f.a, -o, f.b]
    uses:
      - lfn: f.a
        type: input
      - lfn: f.b
        type: output
        stageOut: true
        registerReplica: false
  - type: job
    name: analyze
    id: analyze
    arguments: [-o, f.c]
    uses:
      - lfn: f.c
        type: output
        stageOut: true
        registerReplica: false
`;

/** Opens the code view and waits until Monaco shows the document. */
export async function openCodeView(page: Page): Promise<void> {
  await page.getByTestId('toggle-code').click();
  await page.locator('[data-testid="code-editor"] .view-lines').waitFor();
  await page.waitForFunction(() =>
    (document.querySelector('[data-testid="code-editor"] .view-lines')?.textContent ?? '').includes('jobs'),
  );
  // The dock narrows the canvas; fit again so that every node is drawn.
  await page.getByTitle('Fit (F)').click();
}

/** The code view's text (every line is on screen for the small files of these tests). */
export async function codeText(page: Page): Promise<string> {
  return page.locator('[data-testid="code-editor"] .view-lines').evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .map((line) => ({
        top: parseFloat((line as HTMLElement).style.top || '0'),
        text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
      }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );
}

/** Puts the cursor at the end of the first line containing `needle`. */
export async function cursorAtEndOf(page: Page, needle: string): Promise<void> {
  // Monaco draws spaces as no-break spaces.
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]'));
  await page.locator('[data-testid="code-editor"] .view-line', { hasText: pattern }).first().click();
  await page.keyboard.press('End');
}
