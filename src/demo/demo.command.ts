import type { Command } from '../cli/commands.js';
import { loadDemoData, removeDemoData } from './demo.service.js';

/** `npx atlas demo load` / `npx atlas demo remove`: the invented demo institutions, in or out. */
export const demoCommands: Command[] = [
  {
    name: 'demo',
    subcommand: 'load',
    usage: 'load the ~60 invented demo institutions (marked as demonstration data); does nothing if they are there',
    async run({ db, print }) {
      const result = await loadDemoData(db);
      print(result.loaded ? `Loaded ${result.institutions} demo institutions with ${result.services} services.` : 'The demo institutions are already loaded.');
      return 0;
    },
  },
  {
    name: 'demo',
    subcommand: 'remove',
    usage: 'remove the demo institutions and everything under them; real data stays',
    async run({ db, print }) {
      print(`Removed ${await removeDemoData(db)} demo institutions.`);
      return 0;
    },
  },
];
