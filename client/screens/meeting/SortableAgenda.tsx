/**
 * Drag-and-drop reordering of the agenda with @dnd-kit: mouse/touch via the pointer sensor, keyboard via the
 * keyboard sensor (Space to lift, arrows to move, Space to drop, Escape to cancel), each step announced by title.
 * A drop writes one fractional position with moveAgendaItem, so two people dragging at once converge.
 */
import type { ReactNode } from 'react';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AgendaItem } from '../../../shared/meeting-doc';

interface Props {
  items: AgendaItem[];
  onMove(item: AgendaItem, toIndex: number): void;
  children: ReactNode;
}

const screenReaderInstructions = {
  draggable:
    'To reorder the agenda, press Space or Enter on the drag handle to pick the item up, use the up and down arrow keys to move it, ' +
    'then press Space or Enter to drop it, or Escape to cancel. The ↑ and ↓ buttons move an item one place at a time.',
};

export function SortableAgenda({ items, onMove, children }: Props) {
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the handle is still a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const indexOf = (id: UniqueIdentifier | undefined) => items.findIndex((i) => i.id === id);
  const titleOf = (id: UniqueIdentifier) => items[indexOf(id)]?.title ?? 'the item';
  const place = (id: UniqueIdentifier | undefined) => `position ${indexOf(id) + 1} of ${items.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}, at ${place(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${place(over.id)}.` : `${titleOf(active.id)} is no longer over the agenda.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${titleOf(active.id)} at ${place(over.id)}.` : `Dropped ${titleOf(active.id)}; the order is unchanged.`),
    onDragCancel: ({ active }) => `Cancelled. ${titleOf(active.id)} stays at ${place(active.id)}.`,
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
