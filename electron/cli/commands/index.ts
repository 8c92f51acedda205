// Every CLI command, in the order --help lists them. Each feature adds its file here.
import type { Command } from '../command';
import { collectionCommands } from './collection';
import { examCommands } from './exam';
import { reviewCommands } from './review';
import { statsCommands } from './stats';
import { transferCommands } from './transfer';

export const COMMANDS: readonly Command[] = [...reviewCommands, ...statsCommands, ...examCommands, ...collectionCommands, ...transferCommands];
