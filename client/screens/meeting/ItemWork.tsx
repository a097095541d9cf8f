import type * as Y from 'yjs';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { MeetingDetailView } from '../../../shared/api-types';

/** The shared work on one agenda item below its notes: agency contributions, the decision and the actions. */
export function ItemWork(_props: { doc: Y.Doc; item: AgendaItem; readOnly: boolean; meeting: MeetingDetailView }) {
  return null;
}
