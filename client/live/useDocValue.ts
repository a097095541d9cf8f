import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, re-read after every change to the doc (local or remote). The readers are small and
 * pure, so re-reading is cheaper than tracking which nested type changed; the component only re-renders when what it
 * reads actually changed, so someone typing elsewhere in the meeting costs this screen nothing.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, deps: unknown[]): T {
  const [value, setValue] = useState(() => read(doc));
  const last = useRef(JSON.stringify(value));
  useEffect(() => {
    const update = () => {
      const next = read(doc);
      const key = JSON.stringify(next);
      if (key === last.current) return;
      last.current = key;
      setValue(next);
    };
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ...deps]);
  return value;
}
