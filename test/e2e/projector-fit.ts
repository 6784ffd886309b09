import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The projector sizes every projector view must fit. */
export const PROJECTOR_SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
/** Time for layout to follow a resize (viewport units, the spotlight's and cards' measured maps). */
const RESIZE_SETTLE_MS = 300;

/**
 * At each projector size nothing scrolls, and every element of each of `testIds` lies inside the
 * window; a screenshot of each is saved as test-results/`name`-WxH.png.
 */
export async function expectProjectorFits(projector: Page, name: string, testIds: readonly string[]): Promise<void> {
  for (const size of PROJECTOR_SIZES) {
    await projector.setViewportSize(size);
    await expect
      .poll(() => projector.evaluate(() => [window.innerWidth, window.innerHeight]))
      .toEqual([size.width, size.height]);
    await projector.waitForTimeout(RESIZE_SETTLE_MS);
    const fit = await projector.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-testid="projector"]');
      return {
        documentHeight: document.documentElement.scrollHeight,
        documentWidth: document.documentElement.scrollWidth,
        boxScroll: box?.scrollHeight ?? Number.POSITIVE_INFINITY,
        boxClient: box?.clientHeight ?? 0,
        boxScrollWidth: box?.scrollWidth ?? Number.POSITIVE_INFINITY,
        boxClientWidth: box?.clientWidth ?? 0,
      };
    });
    const at = `${name} at ${size.width}×${size.height}`;
    expect(fit.documentHeight, `${at}: page height`).toBeLessThanOrEqual(size.height);
    expect(fit.documentWidth, `${at}: page width`).toBeLessThanOrEqual(size.width);
    expect(fit.boxScroll, `${at}: projector height`).toBeLessThanOrEqual(fit.boxClient);
    expect(fit.boxScrollWidth, `${at}: projector width`).toBeLessThanOrEqual(fit.boxClientWidth);
    for (const testId of testIds) {
      const boxes = await projector.getByTestId(testId).evaluateAll((elements) =>
        elements.map((element) => {
          const rect = element.getBoundingClientRect();
          return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
        }),
      );
      expect(boxes.length, `${testId} shown (${at})`).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.left, `${testId} left edge (${at})`).toBeGreaterThanOrEqual(0);
        expect(box.top, `${testId} top edge (${at})`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${testId} right edge (${at})`).toBeLessThanOrEqual(size.width);
        expect(box.bottom, `${testId} bottom edge (${at})`).toBeLessThanOrEqual(size.height);
      }
    }
    await projector.screenshot({ path: `test-results/${name}-${size.width}x${size.height}.png` });
  }
}
