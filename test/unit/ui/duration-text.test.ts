/** Seconds as the fix ETA's sentence says them (ui/duration-text.ts). */
import { describe, expect, it } from 'vitest';
import { durationText } from '../../../src/ui/duration-text';

describe('durationText', () => {
  it('says seconds, minutes, hours and days, two units at most', () => {
    expect(durationText(0)).toBe('0 s');
    expect(durationText(45)).toBe('45 s');
    expect(durationText(60)).toBe('1 min');
    expect(durationText(305)).toBe('5 min 5 s');
    expect(durationText(600)).toBe('10 min');
    expect(durationText(3600)).toBe('1 h');
    expect(durationText(3900)).toBe('1 h 5 min');
    expect(durationText(86400)).toBe('1 d');
    expect(durationText(90000)).toBe('1 d 1 h');
  });

  it('rounds the smaller unit up, never promising sooner than the figure', () => {
    expect(durationText(3712)).toBe('1 h 2 min');
    expect(durationText(3601)).toBe('1 h 1 min');
    expect(durationText(86401)).toBe('1 d 1 h');
    expect(durationText(59.2)).toBe('1 min');
  });

  it('takes what is no duration as none', () => {
    expect(durationText(-5)).toBe('0 s');
    expect(durationText(Number.NaN)).toBe('0 s');
  });
});
