/**
 * A progress bar on a stream (stderr): redrawn in place on a terminal, a line every tenth of the
 * way otherwise (a log file), and a last line when done.
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): { update(done: number, total: number): void; end(): void } {
  const width = 30;
  let lastTenth = -1;
  let drawn = false;
  const line = (done: number, total: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done}/${total}`;
  };
  return {
    update(done, total) {
      if (stream.isTTY) {
        stream.write(`\r${line(done, total)}`);
        drawn = true;
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${line(done, total)}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
