import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, re-read after every change to the doc (local or remote). The readers are small and
 * pure, so re-reading is cheaper than tracking which nested type changed.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, deps: unknown[]): T {
  const [value, setValue] = useState(() => read(doc));
  useEffect(() => {
    const update = () => setValue(read(doc));
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ...deps]);
  return value;
}
