// What an undo step is called in the UI ("Undo: Suspend 3 cards"). The core's own labels are
// English; the UI words them from the step's kind and count in its language.
import type { UndoStep } from '../../../../electron/shared/contract';
import { counted } from './columns';

export function undoLabel(step: Pick<UndoStep, 'kind' | 'count'>): string {
  return counted(`browse.undoStep.${step.kind}`, step.count);
}
