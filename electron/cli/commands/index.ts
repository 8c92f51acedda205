// Every CLI command, in the order --help lists them. Each feature adds its file here.
import type { Command } from '../command';
import { reviewCommands } from './review';
import { statsCommands } from './stats';

export const COMMANDS: readonly Command[] = [...reviewCommands, ...statsCommands];
