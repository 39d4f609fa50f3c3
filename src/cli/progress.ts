import type { ProvisionProgress } from '../provision/report';
import type { CliIo } from './io';
import { counted } from '../domain/words';

/**
 * Progress on stderr for long runs: a line per phase change and per tenth of the work, so a
 * 1,000-item provisioning shows it is moving without flooding a CI log.
 */
export function progressPrinter(io: CliIo): (progress: ProvisionProgress) => void {
  let lastPhase = '';
  let lastTenth = -1;
  return (progress) => {
    if (progress.phase === 'search') {
      io.err(`found ${counted(progress.found, 'existing item')}`);
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    if (progress.phase === lastPhase && tenth === lastTenth) return;
    lastPhase = progress.phase;
    lastTenth = tenth;
    io.err(`${progress.phase === 'create' ? 'creating' : 'linking'} ${progress.done}/${progress.total}`);
  };
}
