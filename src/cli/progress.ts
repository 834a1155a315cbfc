/**
 * A progress line for long runs on a terminal: messages done, the rate, and the time
 * left (from the bytes read against the inputs' total size, when that is known). It
 * redraws at most ten times a second and is silent when the stream is no terminal, so
 * that a pipe or a log never receives control characters.
 */

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(s: string): unknown;
}

const REDRAW_MS = 100;

/** "1 h 02 m", "3 m 05 s", "42 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} m`;
  if (s >= 60) return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, "0")} s`;
  return `${s} s`;
}

/** A count as people read it: 1,234. */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

export class Progress {
  private readonly started: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private messages = 0;
  private bytes = 0;

  /** `totalBytes`: the inputs' size when known (files), null for standard input. */
  constructor(
    private readonly stream: ProgressStream | null,
    private readonly totalBytes: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  private get active(): boolean {
    return this.stream?.isTTY === true;
  }

  read(bytes: number): void {
    this.bytes += bytes;
  }

  done(messages = 1): void {
    this.messages += messages;
    if (!this.active) return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.draw(t);
  }

  /** The line as it reads now (tests read it without a terminal). */
  line(t: number = this.now()): string {
    const seconds = (t - this.started) / 1000;
    const parts = [`${formatCount(this.messages)} message${this.messages === 1 ? "" : "s"}`];
    if (seconds >= 1) parts.push(`${formatCount(Math.round(this.messages / seconds))}/s`);
    if (this.totalBytes && this.bytes > 0 && seconds >= 1) {
      const fraction = Math.min(1, this.bytes / this.totalBytes);
      parts.push(`${Math.floor(fraction * 100)}%`);
      const left = (seconds / fraction) * (1 - fraction);
      if (left >= 1) parts.push(`about ${formatDuration(left)} left`);
    }
    return parts.join(" · ");
  }

  private draw(t: number): void {
    // Carriage return and erase-line: the line is redrawn in place.
    this.stream!.write(`\r\x1b[2K${this.line(t)}`);
    this.drawn = true;
  }

  /** Clears the line, so the summary starts on a clean one. */
  finish(): void {
    if (this.active && this.drawn) this.stream!.write("\r\x1b[2K");
  }
}
