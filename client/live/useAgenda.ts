import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { agendaOf, readAgenda, type AgendaItem } from '../../shared/meeting-doc';

/** The agenda in order, re-read whenever anyone changes it. */
export function useAgenda(doc: Y.Doc): AgendaItem[] {
  const [items, setItems] = useState(() => readAgenda(doc));
  useEffect(() => {
    const agenda = agendaOf(doc);
    const update = () => setItems(readAgenda(doc));
    agenda.observeDeep(update);
    update();
    return () => agenda.unobserveDeep(update);
  }, [doc]);
  return items;
}
