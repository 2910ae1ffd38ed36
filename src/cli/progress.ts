/**
 * A progress bar on stderr, only on a TTY and only once a scan has taken more than a moment
 * (quick scans print nothing extra).
 */
import cliProgress from 'cli-progress';

const DELAY_MS = 400;

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly started = Date.now();

  constructor(
    private stream: NodeJS.WriteStream,
    private enabled: boolean,
  ) {
    this.enabled = enabled && Boolean(stream.isTTY);
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      if (Date.now() - this.started < DELAY_MS || done >= total) return;
      this.bar = new cliProgress.SingleBar(
        { stream: this.stream, format: 'scanning [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done);
    }
    this.bar.update(done);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
