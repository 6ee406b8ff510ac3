// Work that must not hold up a frame: run once the next frame has been painted. A
// requestAnimationFrame callback alone runs before that frame is drawn, so whatever it
// changes is drawn with it; the zero timeout after it runs once the frame is out.
export function afterPaint(work: () => void) {
  requestAnimationFrame(() => setTimeout(work, 0));
}
