/**
 * Drag-and-drop reordering of the agenda with @dnd-kit: mouse/touch via the pointer sensor, keyboard via the
 * keyboard sensor (Space to lift, arrows to move, Space to drop, Escape to cancel), each step announced by title.
 * A drop writes one fractional position with moveAgendaItem, so two people dragging at once converge.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AgendaItem } from '../../../shared/meeting-doc';

interface Props {
  items: AgendaItem[];
  onMove(item: AgendaItem, toIndex: number): void;
  children: ReactNode;
}

export function SortableAgenda({ items, onMove, children }: Props) {
  const { t } = useTranslation('room');
  const screenReaderInstructions = { draggable: t('sortable.instructions') };
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the handle is still a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const indexOf = (id: UniqueIdentifier | undefined) => items.findIndex((i) => i.id === id);
  const titleOf = (id: UniqueIdentifier) => items[indexOf(id)]?.title ?? t('sortable.theItem');
  const place = (id: UniqueIdentifier | undefined) => t('sortable.place', { position: indexOf(id) + 1, count: items.length });
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('sortable.start', { title: titleOf(active.id), place: place(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('sortable.over', { title: titleOf(active.id), place: place(over.id) }) : t('sortable.notOver', { title: titleOf(active.id) })),
    onDragEnd: ({ active, over }) =>
      over ? t('sortable.dropped', { title: titleOf(active.id), place: place(over.id) }) : t('sortable.droppedUnchanged', { title: titleOf(active.id) }),
    onDragCancel: ({ active }) => t('sortable.cancelled', { title: titleOf(active.id), place: place(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const item = items[indexOf(active.id)];
    const to = indexOf(over.id);
    if (item && to >= 0) onMove(item, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions }}>
      <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}
