import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { loadDemoData, removeDemoData } from './demo.service.js';

/** `npx atlas demo load|remove`: the demonstration data (institutions and the 2004 wave), in or out together. */
export const demoCommands: Command[] = [
  {
    name: 'demo',
    subcommand: 'load',
    usage: 'load the demonstration data: ~60 invented institutions and the reconstructed 2004 survey wave',
    async run(context) {
      if (!readArguments(context, { usage: 'npx atlas demo load', options: {} })) return 2;
      const result = await loadDemoData(context.db);
      if (!result.loaded) context.print('The demonstration data is already loaded.');
      const { institutions, services, waveResponses } = result;
      if (institutions > 0) context.print(`Loaded ${institutions} demo institutions with ${services} services.`);
      if (waveResponses > 0)
        context.print(`Loaded the reconstructed 2004 survey wave with ${waveResponses} responses.`);
      return 0;
    },
  },
  {
    name: 'demo',
    subcommand: 'remove',
    usage: 'remove the demonstration data: the demo institutions and the 2004 wave; real data stays',
    async run(context) {
      if (!readArguments(context, { usage: 'npx atlas demo remove', options: {} })) return 2;
      const removed = await removeDemoData(context.db);
      const waves = `${removed.waves} demonstration survey wave${removed.waves === 1 ? '' : 's'}`;
      context.print(`Removed ${removed.institutions} demo institutions and ${waves}.`);
      return 0;
    },
  },
];
