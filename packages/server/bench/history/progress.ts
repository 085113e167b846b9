/** A progress line on standard error: share done, rows per second, time left. */
export function rateBar(stream: NodeJS.WriteStream, label: string, unit: string) {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number, rows: number, force = false) => {
    const t = Date.now();
    if (!force && t - lastDraw < (stream.isTTY ? 250 : 10_000)) return;
    lastDraw = t;
    const seconds = Math.max(0.001, (t - started) / 1000);
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const fmt = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}%  ${done}/${total} ${unit}  ${(rows / seconds).toFixed(0)} rows/s  ETA ${fmt(eta)}`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      drawn = true;
    } else stream.write(`${line}\n`);
  };
  return {
    update: (done: number, total: number, rows: number) => draw(done, total, rows, done >= total),
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
