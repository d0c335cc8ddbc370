import { advanceCursor, pollWindow } from '../../../src/sync/poll/window';

const NOW = Date.parse('2026-11-02T09:00:00Z');

describe('the reconciliation window', () => {
  it('reaches back the B2B order sync window on the first run', () => {
    expect(pollWindow(undefined, 10, 90, NOW)).toEqual({ query: "updated_at:>'2026-08-04T09:00:00Z'", since: '2026-08-04T09:00:00Z' });
  });

  it('then starts at the cursor minus the overlap', () => {
    expect(pollWindow('2026-11-02T08:45:00Z', 10, 90, NOW).query).toBe("updated_at:>'2026-11-02T08:35:00Z'");
    expect(pollWindow('2026-11-02T08:45:00-05:00', 0, 90, NOW).since).toBe('2026-11-02T13:45:00Z');
  });

  it('moves the cursor to the newest change seen, never back', () => {
    expect(advanceCursor('2026-11-02T08:45:00Z', ['2026-11-02T08:50:00Z', '2026-11-02T08:47:00Z'])).toBe('2026-11-02T08:50:00Z');
    expect(advanceCursor('2026-11-02T08:45:00Z', ['2026-11-01T00:00:00Z'])).toBe('2026-11-02T08:45:00Z');
    expect(advanceCursor(undefined, [])).toBeUndefined();
  });
});
