// Contrast (WCAG 2.2): labels on job bars and badges >= 4.5:1, graphics on white >= 3:1.
import { describe, expect, it } from 'vitest';
import { contrast, INK, MUTED, PAPER, PRIORITY_FILL, SEGMENT_FILL, techColour } from './palette.ts';

describe('palette', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('holds text and graphics to their ratios', () => {
    for (const fill of Object.values(PRIORITY_FILL)) expect(contrast(fill, '#ffffff'), fill).toBeGreaterThanOrEqual(4.5);
    for (const fill of [SEGMENT_FILL.drive, SEGMENT_FILL.pickup, SEGMENT_FILL.buffer, SEGMENT_FILL.break, SEGMENT_FILL.idleStroke, SEGMENT_FILL.overtime]) {
      expect(contrast(fill, PAPER), fill).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(INK, PAPER)).toBeGreaterThanOrEqual(7);
    expect(contrast(MUTED, PAPER)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives 100 technicians distinct route colours that stand out on the white map', () => {
    const colours = Array.from({ length: 100 }, (_, i) => techColour(i));
    for (const c of colours) expect(contrast(c, PAPER), c).toBeGreaterThanOrEqual(4);
    expect(new Set(colours).size).toBe(100);
  });
});
