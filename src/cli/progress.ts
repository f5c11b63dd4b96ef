/**
 * A progress bar on standard error when it is a terminal; plain periodic lines otherwise (CI logs).
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = 0;
  const startedAt = Date.now();
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
      } else if (Date.now() - lastLine > 2000 || done === total) {
        lastLine = Date.now();
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    done(message?: string) {
      if (stream.isTTY) stream.write('\n');
      if (message) stream.write(`${message} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
    },
  };
}
