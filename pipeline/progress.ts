/**
 * A one-line progress display for long steps, drawn only when stderr is a terminal (a
 * scheduler's log gets the structured lines alone). Shows the step, elapsed time, and a bar when
 * the step reports how far it has got.
 */
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const WIDTH = 24;

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private label = '';
  private started = 0;
  private fraction: number | undefined;
  private frame = 0;
  private lastDraw = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY) && process.env.CI !== 'true';
  }

  start(label: string): void {
    if (!this.enabled) return;
    this.stop();
    this.label = label;
    this.started = performance.now();
    this.fraction = undefined;
    this.timer = setInterval(() => this.draw(), 120);
    this.timer.unref();
  }

  /** How far the current step has got, 0 to 1. Draws at once: callers may be in a busy loop. */
  update(fraction: number): void {
    this.fraction = Math.max(0, Math.min(1, fraction));
    if (this.timer && performance.now() - this.lastDraw > 120) this.draw();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\u001b[2K');
  }

  private draw(): void {
    this.lastDraw = performance.now();
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const spinner = FRAMES[this.frame++ % FRAMES.length] ?? '';
    const bar =
      this.fraction === undefined
        ? ''
        : ` [${'█'.repeat(Math.round(this.fraction * WIDTH)).padEnd(WIDTH, '·')}] ${Math.round(this.fraction * 100)}%`;
    this.stream.write(`\r\u001b[2K${spinner} ${this.label}${bar} ${seconds} s`);
  }
}

/** The pipeline's one progress line. */
export const progress = new Progress();
